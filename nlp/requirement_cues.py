"""The cue phrases requirement levels are read from (``docs/requirement-levels.md``).

Patterns only; :mod:`nlp.requirement` decides how they combine. Sentence patterns run on
lowercased text with plain apostrophes. Each was checked against the dev part of the labelled
mentions (``skillgap eval``) and has a unit test in ``tests/nlp/test_requirement.py``.
"""

from __future__ import annotations

import re

from nlp.records import Requirement

_WORDS = r"(?:[\w+#./-]+\s+){0,4}"

# "no Python experience needed", "if you haven't used Go": the candidate is not asked
NEGATION = re.compile(
    rf"\b(?:no|without)\s+(?:prior\s+|previous\s+|professional\s+)?{_WORDS}"
    r"(?:experience|knowledge|background|expertise)\s+(?:is\s+|in\s+\S+\s+)?"
    r"(?:needed|required|necessary|expected)\b"
    r"|\b(?:experience|knowledge)\s+(?:with\s+|of\s+|in\s+)?[\w+#./ -]{0,40}?\s*"
    r"(?:is\s+|are\s+)?not\s+(?:needed|required|necessary|expected|a\s+requirement)\b"
    r"|\bnot\s+a\s+requirement\b"
    r"|\b(?:don'?t|do\s+not|doesn'?t|won'?t)\s+(?:need|have)\s+to\s+(?:know|be\s+an?\s+expert)"
    r"|\b(?:you\s+)?(?:don'?t|do\s+not)\s+need\s+(?:any\s+|prior\s+)?"
    r"(?:experience|\w+\s+experience)"
    r"|\bno\s+need\s+(?:to\s+know|for)\b"
    r"|\bif\s+you\s+(?:haven'?t|have\s+not|have\s+never|don'?t\s+know|do\s+not\s+know)\b"
    r"|\b(?:is|are)\s+not\s+(?:required|necessary|needed|mandatory|a\s+must)\b"
    r"|\b(?:languages?|stack|frameworks?|technolog(?:y|ies)|tools?)\s+(?:\w+\s+){0,3}?"
    r"(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+matter\b"
    r"|\b(?:don'?t|do\s+not)\s+care\s+(?:what|which|about\s+(?:the\s+)?(?:languages?|stack))",
)
# "a plus but not required" is a preference, not a waiver: matched first and hidden from
# the negations
PREFERRED_BUT_NOT = re.compile(
    r"\b(?:plus|bonus|advantage|better|preferred|nice)\W+(?:\w+\W+){0,2}?but\s+not\s+"
    r"(?:required|mandatory|necessary|needed|a\s+requirement)\b"
)
# welcome but not needed; knowing it welcome, learning it enough ("know/can learn Python")
PREFERRED = re.compile(
    r"\b(?:nice[\s-]to[\s-]haves?|bonus(?:es)?(?:\s+points)?|(?:extra|brownie)\s+points"
    r"|(?:is|are|a)\s+(?:big\s+|huge\s+|strong\s+|definite\s+)?plus|pluses"
    r"|prefer(?:s|red|ably|able|ence)?|ideally|ideal\s+candidates?|desirable|desired"
    r"|optional(?:ly)?|good\s+to\s+(?:have|know)|great\s+to\s+have|recommended"
    r"|(?:is|are|an?)\s+(?:big\s+)?advantages?|advantageous"
    r"|would\s+be\s+(?:great|nice|helpful)|would\s+help|helps\s+if|nice\s+(?:if|to\s+know)"
    r"|(?:is|are)\s+nice|not\s+(?:strictly\s+)?required\s+but|helpful\s+but\s+not"
    r"|(?:is|are|be)\s+(?:very\s+|also\s+|really\s+|especially\s+)?"
    r"(?:helpful|beneficial|appreciated|an\s+asset)"
    r"|flexible\s+(?:on|about|with|in)|curious\s+about"
    r"|(?:willing|eager|happy|able|keen|open)\s+to\s+learn(?:ing)?|can\s+learn"
    r"|(?:\bor|/)\s*learn(?:ing)?|\bor\s+(?:those|someone|people|anyone)\s+(?:\S+\s+){0,6}?"
    r"to\s+learn)\b"
    r"|\bplus:",
)
# compensation, not a preference: "10% bonus", "signing bonus"
COMPENSATION = re.compile(
    r"(?:\d\s*%|\$|k|signing|annual|performance|cash|yearly|quarterly|target|sign-on)\s*"
    r"\+?\s*bonus(?:es)?\b"
)
# the company described, what it offers, its culture, how to apply, legal text
NOT_REQUIRED = re.compile(
    r"\b(?:(?:we|that|which)\s+(?:use|uses|leverage|leverages|apply|applies|harness|harnesses)"
    r"\s+(?:\S+\s+){0,8}?to\b"
    r"|(?:ai|ml|llm|gpt)[\s-](?:powered|driven|native|first|enabled)"
    r"|we(?:'re|\s+are)\s+(?:an?\s+|the\s+)?(?:[\w,&/-]+\s+){0,6}?"
    r"(?:startup|start-up|company|platform|lab|team\s+building)"
    r"|is\s+(?:an?|the|one\s+of\s+the)\s+(?:[\w,&/'-]+\s+){0,6}?"
    r"(?:startups?|start-ups?|compan(?:y|ies)|platform|provider|leader|marketplace|agency|firm)\b"
    r"|(?:a|the|one\s+of\s+the)\s+(?:world's\s+)?leading|at\s+the\s+forefront|leader\s+in"
    r"|we(?:'re|\s+are)\s+(?:the|one\s+of\s+the)\s+(?:\w+\s+)?(?:most|largest|biggest"
    r"|fastest|first|only|best|top)\b"
    r"|(?:is|are|'re)\s+(?:\w+\s+)?(?:transforming|reinventing|revolutionizing|democratizing"
    r"|disrupting|changing\s+the\s+way)|democratizes|revolutionizes"
    r"|we(?:'ve|\s+have)\s+built\s+(?:an?|the)\s|we(?:'re|\s+are)\s+building\s+(?:an?|the)\s"
    r"|the\s+future\s+of"
    r"|(?:opportunity|chance)\s+to\s+learn|you(?:'ll|\s+will)\s+learn|we(?:'ll|\s+will)\s+teach"
    r"|mentorship|paid\s+(?:courses|certifications?|training)"
    r"|we\s+offer|we\s+provide|perks|stipend|learning\s+budget"
    r"|(?:health|dental|vision)\s+insurance"
    r"|we(?:'re|\s+are)\s+obsessed|we\s+believe|we\s+care\s+(?:about|deeply)"
    r"|our\s+(?:values|culture)|(?:we\s+)?(?:celebrate|value)\s+diversity"
    r"|equal\s+opportunity|without\s+regard\s+to|regardless\s+of|reasonable\s+accommodations?"
    r"|protected\s+(?:veteran\s+)?status"
    r"|why\s+(?:work|join)|cover\s+letter|(?:email|e-mail|send|submit|include)\s+"
    r"(?:us\s+|me\s+)?(?:your\s+|a\s+)?(?:cv|resume|résumé|links?|profile|portfolio))",
)
# AI or machine learning named as what a company or product does, with a third-person verb
# ("Acme applies machine learning to ...", "it brings AI to ...") or as what "we build": the
# candidate is not asked for it ("you will apply machine learning" has no such verb form)
_AI_ML = (
    r"(?:artificial\s+intelligence|machine\s+learning|deep\s+learning|ai|ml|computer\s+vision"
    r"|natural\s+language\s+processing|nlp|generative\s+ai|llms?)"
)
COMPANY_AI = re.compile(
    r"\b(?:uses|leverages|applies|harnesses|brings|combines|builds|develops|makes|sells"
    rf"|provides|offers)\s+(?:\S+\s+){{0,3}}?{_AI_ML}\b"
    rf"|\bwe\s+(?:build|develop|make|sell|provide|offer)\s+{_AI_ML}\s+"
    r"(?:software|tools?|products?|solutions?|for|that|to)\b"
)
# the company's own product, named before the mention: "our platform", "our freelancer
# collaboration platform" (after it, "help us scale our platform" is the role's work)
OUR_PRODUCT = re.compile(
    r"\bour\s+(?:[\w,-]+\s+){0,5}?(?:platform|products?|engine|mission|vision|customers"
    r"|company|team\s+is)\b"
)
# right after a mention, a skill naming the company's field: "a publishing startup"
FIELD_NOUN = re.compile(
    r"[\s-]+(?:[\w.+#/-]+\s+)?(?:startups?|start-ups?|compan(?:y|ies)|industry|industries"
    r"|spaces?|sectors?|firms?)\b"
)
# demands that outweigh a nearby preference ("Python is a must, Go a plus")
FIRM = re.compile(r"\b(?:required|requirements?|must(?:\s+have)?|mandatory|essential)\b")
# demands, duties and the role's stack
REQUIRED = re.compile(
    r"\b(?:minimum\s+qualifications"
    r"|(?:experience|expertise|proficiency|fluency|familiarity|background)\s+(?:with|in|using|of)"
    r"|proficient|fluent\s+in|expert\s+in|skilled\s+in|knowledge\s+of|understanding\s+of"
    r"|strong\s+(?:\w+\s+)?(?:skills|knowledge|background)|\d+\+?\s+years"
    r"|solid\s+(?:\w+\s+)?(?:experience|understanding|knowledge)"
    r"|you\s+(?:have|bring|know)|you(?:'ve|\s+have)\s+(?:built|shipped|worked)"
    r"|looking\s+for|seeking|hiring|expect\s+(?:you|candidates)\s+to"
    r"|(?:written|built|developed|implemented)\s+(?:in|with|using)"
    r"|(?:tech\s+)?stack\s+(?:is|includes)"
    r"|(?:we|you(?:'ll)?|you\s+will)\s+need|need\s+(?:someone|experience|to\s+know))\b",
)
# Words one of which every match of a pattern contains: a sentence without any of them
# skips the pattern, which saves most of the regex work (None: always run).
Gate = frozenset[str] | None


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PREFERRED_GATE = _words(
    "nice bonus bonuses points plus pluses prefer prefers preferred preferably preferable"
    " preference ideally ideal desirable desired optional optionally good great recommended"
    " advantage advantages advantageous would helps helpful beneficial appreciated asset"
    " flexible curious learn learning required"
)
FIRM_GATE = _words("required requirement requirements must mandatory essential")
REQUIRED_GATE = _words(
    "minimum experience expertise proficiency fluency familiarity background proficient"
    " fluent expert skilled knowledge understanding strong solid years you you've looking"
    " seeking hiring expect written built developed implemented stack need"
)
NEGATION_GATE = _words(
    "no not without don't dont do does doesn't doesnt won't wont haven't havent if"
)
SENTENCE_PATTERNS: tuple[tuple[str, re.Pattern[str], Gate], ...] = (
    ("preferred", PREFERRED, PREFERRED_GATE),
    ("firm", FIRM, FIRM_GATE),
    ("required", REQUIRED, REQUIRED_GATE),
    ("not_required", NOT_REQUIRED, None),
    ("our_product", OUR_PRODUCT, frozenset({"our"})),
    (
        "not_required",
        COMPANY_AI,
        _words("ai ml nlp llm llms learning intelligence vision language"),
    ),
)
TOKEN = re.compile(r"[a-z']+")

# the level a section heading sets, first match wins
HEADINGS: tuple[tuple[re.Pattern[str], Requirement], ...] = (
    (
        re.compile(
            r"nice|bonus|plus|preferred|desirable|desired|extra\s+credit|good\s+to|recommended"
            r"|would\s+like|wish\s*list|optional|ideal|stand\s*out|great\s+if|helpful",
            re.I,
        ),
        "preferred",
    ),
    (
        re.compile(
            r"benefits|perks|about\s+us|who\s+we\s+are|about\s+the\s+company|about\s+[A-Z]\w+:?$"
            r"|compensation|equal\s+opportunity|our\s+values|why\s+join|what\s+we\s+offer"
            r"|we\s+offer|diversity|our\s+(?:story|mission|culture)|how\s+we\s+work",
            re.I,
        ),
        "not_required",
    ),
    (
        re.compile(
            r"require|qualifications?|must|what\s+you(?:'ll)?\s+(?:need|bring)|you\s+have"
            r"|skills|experience|who\s+you\s+are|looking\s+for|about\s+you|you\s+should",
            re.I,
        ),
        "required",
    ),
)
LIST_ITEM = re.compile(r"\s*(?:[-*•]|\d+[.)])\s")
# a line after a list that waives it: "if you haven't used these, ..."
LIST_WAIVER = re.compile(
    r"\b(?:haven'?t|have\s+not|never)\s+(?:used|worked\s+with)\s+(?:these|them|any\s+of)"
    r"|\b(?:don'?t|do\s+not)\s+(?:know|have)\s+(?:all\s+|any\s+)?(?:of\s+)?"
    r"(?:these|them|the\s+above)"
    r"|\bnone\s+of\s+(?:these|the\s+above|this)\s+(?:is|are)\s+(?:required|necessary|needed)",
    re.I,
)
# LIST_WAIVER for lowercased text without a case trap (see :mod:`nlp.lowered`), each
# alternative opening with a letter ("h(?<!\wh)" is "\bh"): the engine skips to an "h", "n"
# or "d" instead of trying a word boundary and every alternative at each character.
LIST_WAIVER_LOWERED = re.compile(
    r"h(?<!\wh)(?:aven'?t|ave\s+not)\s+(?:used|worked\s+with)\s+(?:these|them|any\s+of)"
    r"|n(?<!\wn)ever\s+(?:used|worked\s+with)\s+(?:these|them|any\s+of)"
    r"|d(?<!\wd)(?:on'?t|o\s+not)\s+(?:know|have)\s+(?:all\s+|any\s+)?(?:of\s+)?"
    r"(?:these|them|the\s+above)"
    r"|n(?<!\wn)one\s+of\s+(?:these|the\s+above|this)\s+(?:is|are)\s+(?:required|necessary|needed)"
)

# header segments ("Acme | Python Engineer | Remote") are sentences of their own
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s+\|\s+")
# Where no "|" occurs: the punctuation ending a sentence and the space after it. The
# regex engine skips ahead to a leading character class, not to a leading lookbehind
# (r"(?<=[.!?;])\s+", the same breaks), so this finds them about 2.5 times faster.
SENTENCE_BREAK = re.compile(r"[.!?;]\s+")
# ", and familiarity with ...": a new clause, not the next item of a list
CLAUSE = re.compile(
    r",\s+(?:and|but|while|whereas|though|although)\s+(?=(?:familiarity|experience|knowledge"
    r"|exposure|any|some|a|an|the|we|you|it|they|our|your|this|that|there|if)\b)"
    r"|\s[–—]\s|\s-\s"
)
# "So is experience with X": the sentence before decides
SO_IS = re.compile(r"\s*(?:so|as|same)\s+(?:is|are|goes|does|do)\b", re.I)

# the company's name: the first segment of a header line ("Acme | Remote | Full-time"), or
# "Acme is hiring", "We're Acme,"
HEADER_SPLIT = re.compile(r"\s*\|\s*|\s+[-–—]+\s*|\s*[-–—]+\s+|\s+//\s+|,\s+|\s+@\s+")
NAMED_HIRING = re.compile(
    r"^(?P<name>[\w.&' -]{3,40}?)\s+(?:\([^)]*\)\s+)?is\s+hiring", re.I | re.M
)
# where NAMED_WERE may match, lowercased; "we(?<!\wwe)" is "\bwe" with "we" first, so the
# engine skips to each "we" as a literal prefix lets it, not trying "\b" at every character
WE_ARE = re.compile(r"we(?<!\wwe)(?:['’]re|\s+are)\s")
NAMED_WERE = re.compile(
    r"\b(?i:we(?:['’]re|\s+are))\s+(?P<name>[A-Z][\w.&-]+)(?=[,.!])"
    r"|\b(?i:we(?:['’]re|\s+are)\s+hiring\s+at)\s+(?P<at>[A-Z][\w.&-]+)"
)
# a first segment naming a role ("Sr. Java developer - Newark") is no company name
ROLE_WORDS = re.compile(
    r"engineer|developer|scientist|programmer|architect|designer|analyst|devops|intern"
    r"|manager|lead\b|admin|\bdev\b|consultant|specialist|researcher|technician|hiring",
    re.I,
)
# words of a sentence, not of a name: "Python is a must, Go a plus" is no header
SENTENCE_WORDS = re.compile(
    r"\b(?:is|are|was|we|you|i|our|must|will|can|should|need|use|looking|a|an|with|for|to)\b",
    re.I,
)
# the name as a sentence's subject, followed by its verb ("Diffbot uses"), not a header
VERB_AFTER_NAME = re.compile(r"\s+(?:\([^)]*\)\s+)?[a-z]")
