"""The words the AI/ML technician decision reads: role nouns, role families, duty cues.

Rules are data here, kept apart from the reading order in :mod:`nlp.technician`. The families are
those of ``docs/ai-ml-technician.md``; :data:`TECHNICIAN_FAMILIES` are the ones whose title
alone names a technician role.
"""

from __future__ import annotations

import re

# "AI" and "ML" only as capitals: "ai" and "ml" turn up inside other words and names.
# "Ai" too as the first word of a title ("Ai Developer"), where it is no name
_AI = r"(?-i:\bA\.?I\b|\bAi(?=\s+(?:Developers?|Engineers?|Scientists?|Researchers?)\b))"
_ML = r"(?-i:\bML\b|\bMLE\b)"

# "(?=\w)" changes no match (every alternative starts with a letter) but lets the engine skip
# the positions that cannot start one, which a pattern starting with "\b" does not.
ROLE_NOUN = re.compile(
    r"(?=\w)\b(?:engineer(?:s|ing)?|developers?|dev|devs|scientists?|researchers?|analysts?"
    r"|architects?|designers?|managers?|leads?|head\s+of|directors?|vp|cto|specialists?"
    r"|experts?|programmers?|hackers?|interns?|internships?|technicians?|consultants?"
    r"|administrators?|recruiters?|writers?|officers?|executives?|representatives?"
    r"|associates?|strategists?|marketers?|swes?|sres?|devops|founding\s+\w+"
    r"|technical\s+staff|statisticians?|modell?ers?|tester|testers|practitioners?"
    r"|mathematicians?|physicists?|generalists?|coordinators?|owners?|fellows?|postdocs?)\b",
    re.IGNORECASE,
)

# Names of areas a team hires for, in lists such as "iOS, Android, Data Science, Sales".
AREA = re.compile(
    r"^(?:(?:senior|junior|lead|staff|principal|sr\.?|jr\.?)\s+)?(?:"
    r"machine[\s-]*learning|deep[\s-]*learning|data[\s-]*science|computer[\s-]*vision"
    r"|nlp|natural[\s-]*language(?:\s+processing)?|speech(?:\s+recognition)?|perception"
    r"|ai|a\.i\.|ml|ai/ml|ml/ai|artificial[\s-]*intelligence|gen[\s-]?ai|generative\s+ai"
    r"|llms?|mlops|data\s+mining|recommendations?|personali[sz]ation|robotics"
    r"|ios|android|mobile|web|front[\s-]*end|back[\s-]*end|full[\s-]*stack|devops|sre|qa"
    r"|infrastructure|infra|ops|security|design|ui|ux|ui/ux|product|sales|marketing"
    r"|engineering|eng|data|data\s+engineering|analytics|bi|support|operations"
    r"|business\s+development|biz\s*dev|growth|finance|hr|human\s+resources|recruiting"
    r"|customer\s+success|embedded|firmware|hardware|localization|payments|research"
    r"|quantitative\s+research|platform|systems|networking|content|legal|community"
    r"|planning|motion\s+planning|controls?|mapping|localization|search"
    r"|simulation|(?:ml|ai|machine[\s-]*learning)\s+(?:infra(?:structure)?|platform|ops|research"
    r"|engineering|systems)"
    r"|\w+\s+management)$",
    re.IGNORECASE,
)

# What a role works on after its title, "Senior Software Engineer, Agents", though no area a
# team hires for on its own ("AI Agents" heading a product manager's remit).
AGENTS_AREA = re.compile(
    r"^(?:ai\s+|voice\s+)?agents?(?:\s+(?:platform|infrastructure|framework))?$", re.IGNORECASE
)

# A title or area naming AI/ML work: the role qualifies unless its own text says otherwise.
ML_TITLE = re.compile(
    rf"machine[\s-]*learn(?:ing|ers?\b)|{_ML}|ML\s?Ops|LLM\s?Ops|deep[\s-]*learning|data[\s-]*scien"
    rf"|computer[\s-]*vision|\bNLP\b|natural[\s-]*language|speech\s+recogn|\bperception\b"
    rf"|{_AI}|artificial[\s-]*intelligence|\bgen[\s-]?AI\b|generative|\bLLMs?\b"
    r"|applied[\s-]*scien|data[\s-]*mining|recommend\w*\s+(?:system|engine)|recommendations?$"
    r"|personali[sz]ation|neural|reinforcement[\s-]*learning|statistical[\s-]*learning"
    r"|\bAI/ML\b|\bML/AI\b|prompt\s+engineer|\bagents?\b|\bvision\b|\bspeech\b",
    re.IGNORECASE,
)

# Titles that stay outside the technician's work even with "AI" in them: "AI Product
# Manager", "Account Executive, AI", "Senior AI Project Manager".
NOT_TECHNICIAN_TITLE = re.compile(
    r"\b(?:sales|account\s+(?:exec\w*|manager)|marketing|marketer|recruit\w*|designers?"
    r"|(?:product|project|program|programme|engineering|delivery|community|office|account"
    r"|customer\s+success|operations)\s+managers?|product\s+owners?|\bPMs?\b|writers?|counsel"
    r"|legal|accountants?|finance|customer\s+success|support|evangelists?|advocates?"
    r"|business\s+development|biz\s*dev|partnerships?|executive\s+assistant|chief\s+of\s+staff"
    r"|content|copywriter|strategists?|(?:head|vp|director|vice\s+president)\s+of\s+engineering|\bCTO\b|developer\s+relations|devrel|go[\s-]to[\s-]market|\bGTM\b|solutions?\s+(?:engineer|architect)s?"
    r"|sales\s+engineers?)\b",
    re.IGNORECASE,
)

_FAMILY_RULES: tuple[tuple[str, str], ...] = (
    (
        "ml_platform_mlops",
        rf"ML\s?Ops|LLM\s?Ops|(?:{_ML}|{_AI}|machine[\s-]*learning|model)"
        r"[\s-]*(?:infra\w*|platform|serving|systems\s+engineer|deployment)",
    ),
    ("data_science", r"data[\s-]*scien|statistician|quantitative"),
    ("ml_research", r"research|researchers?|applied[\s-]*scien|scientists?"),
    (
        "ai_engineering",
        rf"\bgen[\s-]?AI\b|generative|\bLLMs?\b|{_AI}[\s-]*(?:engineer|agent|product"
        r"|application|solutions?|team)|applied\s+AI|\bagents?\b|agentic|prompt|\bRAG\b",
    ),
    (
        "ml_engineering",
        rf"machine[\s-]*learn(?:ing|ers?\b)|{_ML}|deep[\s-]*learning|computer[\s-]*vision"
        rf"|\bNLP\b|natural[\s-]*language|speech|perception|{_AI}|artificial[\s-]*intelligence"
        r"|recommend|personali[sz]|data[\s-]*mining|neural|reinforcement",
    ),
)
_OTHER_FAMILY_RULES: tuple[tuple[str, str], ...] = (
    (
        "sales_marketing_support",
        r"sales|account\s+exec|marketing|marketer|business\s+development"
        r"|biz\s*dev|customer|support|success|growth|content|community|recruit|writer|evangelist"
        r"|advocate|partnerships?|\bHR\b|human\s+resources|talent|operations\s+(?:manager|associate)",
    ),
    (
        "product_design",
        r"product\s+(?:manager|owner|lead|director)|\bPMs?\b|design|\bUX\b|\bUI\b"
        r"|user\s+research",
    ),
    (
        "management",
        r"manager|director|head\s+of|\bVP\b|vice\s+president|\bCTO\b|\bCEO\b|chief"
        r"|team\s+lead",
    ),
    (
        "data_engineering",
        r"data\s+(?:engineer\w*|platform|infra\w*|pipeline\w*|warehouse)"
        r"|\bETL\b|big\s+data|hadoop|spark|analytics\s+engineer|data$",
    ),
    ("data_analytics", r"analyst|analytics|business\s+intelligence|\bBI\b|insights|reporting"),
    ("security", r"security|infosec|penetration|appsec|pentest"),
    (
        "devops_sre",
        r"devops|\bSREs?\b|site\s+reliability|infrastructure|\binfra\b|sysadmin"
        r"|systems?\s+administrator|cloud\s+engineer|\bops\b|reliability|network\s+engineer"
        r"|platform\s+engineer|release\s+engineer|build\s+engineer",
    ),
    ("mobile", r"\biOS\b|android|mobile|react\s+native|flutter|swift"),
    (
        "embedded_hardware",
        r"embedded|firmware|hardware|electrical|mechanical|\bFPGA\b|robotic"
        r"|controls?\s+engineer|\bASIC\b|\bRF\b|silicon|circuit|manufactur",
    ),
    (
        "software_frontend",
        r"front[\s-]*end|\bUI\s+(?:developer|engineer)|javascript|\bJS\b|react"
        r"|angular|ember|\bCSS\b|web\s+designer",
    ),
    (
        "software_fullstack",
        r"full[\s-]*stack|\brails\b|ruby|web\s+(?:developer|engineer|app)"
        r"|generalist|hacker|\bweb\b|product\s+engineer|founding\s+engineer",
    ),
    (
        "software_backend",
        r"back[\s-]*end|server|\bAPI\b|distributed|java\b|golang|\bgo\b|python"
        r"|scala|c\+\+|\.net|erlang|elixir|php|node|rust|software|engineer|developer|programmer"
        r"|\bSWEs?\b|\bdev\b|devs\b|architect|technical\s+staff|\bQA\b|test",
    ),
)
FAMILY_RULES = tuple((name, re.compile(rule, re.IGNORECASE)) for name, rule in _FAMILY_RULES)
OTHER_FAMILY_RULES = tuple(
    (name, re.compile(rule, re.IGNORECASE)) for name, rule in _OTHER_FAMILY_RULES
)
TECHNICIAN_FAMILIES = frozenset(name for name, _ in _FAMILY_RULES)

# A data scientist whose own text speaks only of dashboards and reports is an analyst.
ANALYTICS_ONLY = re.compile(
    r"\b(?:dashboards?|reporting|reports|business\s+intelligence|\bBI\b|insights?|KPIs?"
    r"|metrics|excel|tableau|looker|ad[\s-]hoc\s+(?:analysis|queries))\b",
    re.IGNORECASE,
)

# A data scientist's modelling, beside the insights: not an analyst then ("expertise in
# pattern mining, anomaly detection, predictive modeling, classification").
MODELLING = re.compile(
    r"\b(?:(?:predictive|statistical|machine[\s-]*learning)\s+model(?:s|l?ing)?|classification"
    r"|anomaly\s+detection|clustering|regression|forecasting|data\s+mining|pattern\s+mining"
    r"|machine[\s-]*learning|deep\s+learning)\b",
    re.IGNORECASE,
)

# The practical AI/ML work, named in a sentence about the role: each match is strong evidence.
# Every alternative starts at a word: "(?=\w)\b" lets the engine skip other positions fast.
DUTY = re.compile(
    r"(?=\w)\b(?:"
    r"\b(?:train|retrain|fine[\s-]?tun)\w*\b(?:\s+\S+){0,4}?\s+(?:models?|networks?|classifiers?"
    r"|LLMs?|embeddings?)\b"
    r"|(?:machine|deep|statistical|reinforcement)[\s-]*learning\s+(?:models?|systems?|pipelines?"
    r"|classifiers?|engineers?|scientists?|teams?"
    r"|algorithms?|solutions?|infrastructure|platforms?|products?|features?|applications?"
    r"|techniques|methods|problems?|research|engineering|frameworks?|services?|projects?)"
    rf"|(?:{_ML}|\bNLP|\bLLM|computer\s+vision)\s+(?:models?|systems?|pipelines?"
    r"|infrastructure|platform|features?|products?|applications?|agents?|solutions?|engineering"
    r"|research|problems?|services?|tooling|stack|evaluation|capabilities)"
    rf"|{_AI}\s+(?:models?|systems?|pipelines?|infrastructure|agents?|engineering|research"
    r"|evaluation)"
    rf"|(?:{_ML}|{_AI}|NLP)/(?:{_ML}|{_AI}|NLP)\s+(?:projects?|work|systems?|models?|team)"
    r"|(?:predictive|statistical|forecasting|ranking|recommendation|classification|language"
    r"|vision|generative|foundation|deep|neural|ML|AI|NLP|CV|probabilistic|scoring|fraud"
    r"|risk|propensity|churn)\s+models?\b"
    # "predictive modeling", "machine-learned user models"
    r"|(?:predictive|machine[\s-]learned)\s+(?:\w+\s+)?model(?:s|l?ing)?\b"
    r"|recommend(?:ation|er)\s+(?:systems?|engines?|algorithms?)"
    r"|(?:image|speech|object|pattern|face|facial|handwriting)\s+recognition|object\s+detection"
    r"|anomaly\s+detection\s+(?:models?|systems?|algorithms?)|natural\s+language\s+understanding"
    r"|entity\s+(?:extraction|recognition|resolution\s+models?)|sentiment\s+analysis"
    r"|models?\s+(?:that|to|which)\s+(?:predict|detect|classify|rank|recommend|forecast|score"
    r"|estimate|generate|understand|learn)"
    r"|(?:build|ship|develop|design|creat)\w*\s+(?:\S+\s+){0,3}?(?:LLM|ML)[\s-](?:powered|based"
    r"|driven)\s+(?:features?|agents?|workflows?|systems?|applications?|products?|tools?)"
    r"|(?:integrat\w+|building\s+(?:on|with)|build\s+(?:on|with))\s+(?:\S+\s+){0,3}?LLMs?\b"
    r"|\bRAG\b|retrieval[\s-]augmented|vector\s+(?:search|databases?|stores?)|prompt\s+engineering"
    r"|context\s+engineering|\bevals\b|evaluation\s+(?:harness\w*|frameworks?|pipelines?|suites?)"
    r"|agentic\s+(?:systems?|workflows?|applications?|orchestration|pipelines?|features?"
    r"|agents?|loops?|experiences?|capabilities|products?)"
    r"|(?:AI|LLM)[\s-]+agents?|multi[\s-]agent|build(?:ing)?\s+(?:AI\s+)?agents"
    r"|fine[\s-]?tun(?:e|ing)\b|\bMLOps\b|model\s+(?:serving|deployment|monitoring|training"
    r"|evaluation|registry|inference|development|performance|accuracy)"
    r"|feature\s+(?:stores?|engineering|pipelines?|extraction)|training\s+(?:data|pipelines?|sets?)"
    r"|inference\s+(?:optimi\w+|serving|pipelines?|engines?)|\bdrift\b"
    r"|(?:apply|applying|use|using|leverag\w+|work(?:ing)?\s+on|problems\s+in|solv\w+)"
    r"\s+(?:[^\s,]+\s+){0,4}?(?:machine\s+learning|ML|deep\s+learning|NLP|statistical\s+learning"
    r"|computer\s+vision|natural\s+language\s+processing|LLMs?)\b"
    r"|(?:build|building|develop|developing|design|designing|improve|improving|deploy|deploying)"
    r"\s+(?:[^\s,]+\s+){0,3}?(?:machine\s+learning|ML|deep\s+learning|NLP|computer\s+vision"
    r"|classifiers?|recommendations?)\b"
    r")",
    re.IGNORECASE,
)
# The company or the team talking about itself, not about the role.
ABOUT_US = re.compile(r"\b(?:we|we're|we've|our|us|ours)\b", re.IGNORECASE)
ABOUT_ROLE = re.compile(
    r"\b(?:you|your|you'll|you're|you've|role|position|candidates?|hire|hiring|looking|seeking"
    r"|join|team|responsib\w*|duties|will\s+be|would\s+be|work\s+on|help\s+us)\b",
    re.IGNORECASE,
)

# An AI/ML role named in running text: "Machine learning expert?", "data scientists".
ML_ROLE_PHRASE = re.compile(
    r"(?=\w)\b(?:"
    r"(?:(?:machine|deep)[\s-]*learning|(?-i:ML|AI|NLP)|computer\s+vision|data[\s-]*science"
    r"|natural\s+language|perception|LLM|applied\s+AI|gen[\s-]?AI)"
    r"(?:\s+(?!(?:for|of|to|in|with|at|and|or|on|by|from)\b)[\w/-]+){0,2}?"
    r"\s+(?:engineers?|scientists?|researchers?|experts?|specialists?"
    r"|developers?|architects?|hackers?|practitioners?|interns?|leads?|people|folks|talent"
    r"|hires?|enthusiasts?|pragmatists?|nerds|geeks|gurus|ninjas|wizards|PhDs?)\b"
    r"(?![\s-]+(?:platforms?|tools?|tooling|community|experience|productivity|ecosystem|portal"
    r"|relations|advocacy|conference|programs?|network|marketplace|hub|APIs?|SDKs?|docs)\b)"
    r"|\bdata\s+scientists?\b|\bapplied\s+scientists?\b|(?-i:\bMLEs?\b)"
    r"|\bjoin\s+(?:our|the|a)\s+(?:growing\s+|small\s+|new\s+)?(?:machine\s+learning|(?-i:ML|AI)"
    r"|data\s+science|applied\s+AI|deep\s+learning|NLP|computer\s+vision|perception)\s+team"
    r"|(?:machine\s+learning|(?-i:ML|AI)|data\s+science|applied\s+AI|NLP|computer\s+vision)"
    r"\s+team\s+is\s+(?:hiring|looking|growing|seeking)"
    r"|(?:machine\s+learning|(?-i:ML|AI)|data\s+science|NLP|computer\s+vision|deep\s+learning)"
    r"\s+(?:positions?|roles?|openings?|jobs?|hires?|reqs?)\b"
    # people asked for by the work they are into: "engineers with ML/NLP experience",
    # "people interested in signal processing and machine learning", "dataminers interested
    # in deep learning"
    r"|(?:engineers?|developers?|hackers?|people|folks|someone|candidates?|data\s*miners?)\s+"
    r"(?:with\s+(?:an?\s+)?(?:\w+\s+)?(?:background|experience|expertise)\s+in"
    r"|(?:who\s+are\s+)?(?:interested|passionate|excited)\s+(?:in|about)|with)\s+"
    r"(?:[\w-]+\s+(?:[\w-]+\s+)?(?:,\s*|and\s+|or\s+|&\s+|/\s*)){0,3}"
    r"(?:machine\s+learning|deep\s+learning|(?-i:ML|AI|NLP)\b|computer\s+vision|data\s+science"
    r"|natural\s+language)(?!\s+(?:is|are|would\s+be)\s+(?:a\s+)?(?:plus|bonus|nice))"
    r"|\bmachine\s+learners?\b"
    r"|\b(?:engineers?|scientists?|researchers?|developers?)\s*(?:,|\(|-|–|—|:)\s*(?:machine\s+learning"
    r"|deep\s+learning|(?-i:ML|AI|NLP)\b|computer\s+vision|perception|data\s+science|LLMs?\b"
    r"|applied\s+AI|generative\s+AI|gen[\s-]?AI|recommendations?|personali[sz]ation|ranking)"
    r")",
    re.IGNORECASE,
)
# What comes before a role named as someone the hire works with, not as the hire: a cue
# within three words of the role, or a cue governing a list the role ends ("supporting
# electrical, software, logistics and machine learning engineers", "a team of former
# founders, engineering leaders and AI researchers"); people a product serves or gathers
# ("a community of 530K data scientists", "thousands of data scientists compete").
COLLEAGUES = re.compile(
    r"\b(?:with|alongside|support(?:ing|s)?|for|by|partner(?:ing)?|help(?:ing)?|enabl\w*"
    r"|empower\w*|collaborat\w*|teams?\s+of|joined|from|like|other|former|ex|built|founded"
    r"|led|run|our|their|crew|group|made\s+up|consist\w*|between|among|as\s+well\s+as|eg|e\.g|i\.e|such\s+as|anyone"
    r"|users?|customers?|people|serv\w*|we're|we\s+are|we've\s+been|I'm|I\s+am"
    r"|community|thousands|hundreds|millions|language\s+of"
    r"|(?:is|was)\s+an?)\W+"
    r"(?:(?:\w+\W+){0,3}"
    r"|(?:(?:[\w'-]+\s+){0,3}[\w'-]+\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)){1,6}"
    r"(?:\w+\W+){0,2})$",
    re.IGNORECASE,
)
# A sentence listing the company's tools: "Stack: Python, FastAPI, LLM pipelines."
STACK = re.compile(
    r"^\W*(?:(?:our|the|tech(?:nology)?|current)\s+)*(?:stack|tools|technologies)\b"
    r"|^\W*we\s+(?:use|work\s+with)\b",
    re.IGNORECASE,
)
# AI as the team's own tooling ("we use Claude Code", "comfortable leveraging AI agents to
# write code"): not AI/ML work.
AI_TOOLING = re.compile(
    r"(?=\w)\b(?:agentic[\s-]+(?:first|coding|ide)"
    r"|(?:ai|agentic)[\s-]+first\s+(?:as\s+a\s+)?(?:daily|working|mode|mindset|engineer\w*)"
    r"|claude\s+code|cursor|copilot|codex|windsurf|(?:your|my)\s+ai\s+(?:workflows?|tools|setup)"
    r"|ai[\s-]*(?:assisted|augmented|native)"
    r"\s+(?:coding|development|engineering|workflows?)|ai\s+(?:coding|dev)\s+tools?"
    r"|(?:leverag\w+|us\w+|with)\s+(?:ai|llms?|ai\s+agents?|agents?|ai\s+tools?)\s+to\s+"
    r"(?:write|plan|implement|test|ship|code|build|commit|review)"
    r"|(?:coding|software)\s+agents?)\b",
    re.IGNORECASE,
)
# A sentence plainly about the hire: one duty named in it is enough for the main role.
ROLE_FRAME = re.compile(
    r"\b(?:you|you'll|your|you're|this\s+role|the\s+role|in\s+this\s+position"
    r"|(?:looking|searching)\s+for|seeking|hiring|responsib\w*|will\s+be\s+(?:responsible|working)"
    r"|(?:the|this|your)\s+work\s+will|what\s+you(?:'ll|\s+will)\s+do"
    r"|the\s+ideal\s+candidate|we\s+need\s+someone"
    r"|(?:grow|growing|expand|expanding)\s+(?:our|the)\s+(?:\w+\s+){0,2}team\s+with)\b",
    re.IGNORECASE,
)
# "We're a motley crew of designers, ... and computer vision scientists": the team as it is.
TEAM_OF = re.compile(
    r"^\W*(?:we(?:'re|\s+are|\s+have)|our\s+team\s+(?:is|has|includes))\b.*\b(?:team|crew|group"
    r"|mix|bunch|family|collective)\s+of\b",
    re.IGNORECASE,
)
# A title that names no kind of software work: the stack in the text decides the family.
GENERIC_SOFTWARE_TITLE = re.compile(
    r"^(?:an?\s+)?(?:(?:senior|junior|lead|staff|principal|sr\.?|jr\.?|founding|mid-level"
    r"|experienced|talented|great|smart)\s+)*(?:software\s+)?(?:engineers?|developers?"
    r"|programmers?|hackers?|engineering|swes?)\b[^,/]*$",
    re.IGNORECASE,
)
FRONTEND_STACK = re.compile(
    r"\b(?:javascript|typescript|react|angular|ember|vue|backbone|front[\s-]*end|css|html5?"
    r"|jquery|d3)\b",
    re.IGNORECASE,
)
BACKEND_STACK = re.compile(
    r"\b(?:back[\s-]*end|rails|django|flask|fastapi|node(?:\.js)?|java|scala|golang|python"
    r"|ruby|php|elixir|erlang|clojure|postgres\w*|mysql|api|apis|microservices|\.net|c#)\b",
    re.IGNORECASE,
)
RESEARCH_TITLE = re.compile(r"research|scientist|\bPhD\b", re.IGNORECASE)
# "You'll ...", "you will ...": a sentence about the hire, whatever else it says.
ADDRESSES_HIRE = re.compile(r"\byou(?:'ll|\s+will|\s+would|'d|\s+can)\b", re.IGNORECASE)
# "AI Product Engineer", "Fullstack Engineer (AI Product)": AI names the product or the team,
# not the work; such a title qualifies only through its duties.
AI_AS_PRODUCT = re.compile(
    r"(?-i:\bA\.?I\b|\bGen[\s-]?AI\b)[\s-]+(?:product|company|startup|native|powered|first"
    r"|enabled|team|tools?|tooling|workflows?|era|integrations?|features?|usage)\b",
    re.IGNORECASE,
)
# An aside in a title naming what is only a plus: "engineers (ML experience is a plus)".
PLUS_ASIDE = re.compile(
    r"\([^()]*\b(?:plus|bonus|nice\s+to\s+have|preferred|helpful|welcome)\b[^()]*\)",
    re.IGNORECASE,
)
# The company as the subject: "Careforce AI is building ...", "Acme helps ...".
COMPANY_VERB_AFTER = re.compile(
    r"(?:\s+\w+)?\s+(?:is|are|was|has|have|builds?|helps?|makes?|provides?|offers?|uses?"
    r"|'s)\b"
)
LEADING_AT = re.compile(r"^\W*(?:at\s+)?")
# A list of skills ("Python, React, Kafka, RAG, OLAP") names the work only with a verb of it.
DUTY_VERB = re.compile(
    r"\b(?:train|retrain|fine[\s-]?tun|build|develop|design|deploy|ship|evaluat|improv|optimi[sz]"
    r"|productioni[sz]|serv|monitor|prototyp|implement|apply|integrat)\w*\b",
    re.IGNORECASE,
)
LIST_COMMAS = 4
# Words one of which every match of DUTY, or of ML_ROLE_PHRASE, contains, in lowercased text:
# a sentence with none of them skips the big pattern, which spares most of the work.
DUTY_GATE = re.compile(
    r"model|learning|\bml|\bai\b|nlp|llm|vision|language|recommend|recogni|detection|entity"
    r"|sentiment|\brag\b|retrieval|vector|prompt|context\s+engineering|evals?\b|evaluation"
    r"|agent|fine[\s-]?tun|mlops|feature|training|inference|drift|classifi|neural|\bcv\b"
)
ROLE_PHRASE_GATE = re.compile(
    r"learn|\bml|\bai\b|nlp|vision|scien|language|perception|llm|gen[\s-]?ai|recommend"
    r"|personali|ranking"
)


class Gate:
    """A gate pattern read as plain words first: ``in`` finds a word several times faster than
    the engine tries thirty alternatives at every position. ``words`` are the gate's plain
    alternatives; ``rest`` the others, each as ``(hint, pattern)``: the pattern is tried only
    when its hint (a part of each of its matches) is in the text, and starts with that hint
    so the engine jumps to it as ``in`` would ("ai(?<!\\wai)" is "\\bai"). ``passes(text)``
    is ``bool(pattern.search(text))`` for the pattern that is ``words`` and ``rest`` joined
    (checked against it in the tests)."""

    __slots__ = ("rest", "words")

    def __init__(self, words: tuple[str, ...], rest: tuple[tuple[str, str], ...]) -> None:
        self.words = words
        self.rest = tuple((hint, re.compile(pattern)) for hint, pattern in rest)

    def passes(self, text: str) -> bool:
        for word in self.words:
            if word in text:
                return True
        for hint, pattern in self.rest:  # noqa: SIM110 (a loop, as for the words: cheaper)
            if hint in text and pattern.search(text) is not None:
                return True
        return False


# The two gates above, the same words in the order they most often decide.
DUTY_WORDS = Gate(
    (
        "model",
        "learning",
        "feature",
        "training",
        "agent",
        "language",
        "vision",
        "llm",
        "nlp",
        "recommend",
        "recogni",
        "detection",
        "entity",
        "sentiment",
        "retrieval",
        "vector",
        "prompt",
        "evaluation",
        "mlops",
        "inference",
        "drift",
        "classifi",
        "neural",
    ),
    (
        ("ml", r"ml(?<!\wml)"),
        ("ai", r"ai\b(?<!\wai)"),
        ("rag", r"rag\b(?<!\wrag)"),
        ("context", r"context\s+engineering"),
        ("eval", r"evals?\b"),
        ("fine", r"fine[\s-]?tun"),
        ("cv", r"cv\b(?<!\wcv)"),
    ),
)
ROLE_PHRASE_WORDS = Gate(
    (
        "learn",
        "scien",
        "vision",
        "language",
        "llm",
        "nlp",
        "perception",
        "recommend",
        "personali",
        "ranking",
    ),
    (("ml", r"ml(?<!\wml)"), ("ai", r"ai\b(?<!\wai)"), ("gen", r"gen[\s-]?ai")),
)

# The vocabulary of the work, wider and looser than DUTY: techniques, model kinds and the ML
# frameworks. The learned decision counts its words over the whole posting; on its own no
# match decides anything.
ML_LEXICON = re.compile(
    r"(?=\w)\b(?:machine[\s-]*learn\w*|deep[\s-]*learning|(?-i:ML|AI|NLP|LLMs?)\b"
    r"|artificial\s+intelligence|neural\s+net\w*|computer\s+vision|natural\s+language"
    r"|classif(?:y|ier|iers|ication)\b|regression|clustering|predictive|forecasting\s+models?"
    r"|statistical\s+model\w*|anomaly\s+detection|recommend(?:er|ation)s?\b|ranking\s+models?"
    r"|data\s+mining|text\s+mining|information\s+retrieval|signal\s+processing|embeddings?"
    r"|transformers?\b|fine[\s-]?tun\w+|inference|(?:model|models|modeling|modelling)\b"
    r"|tensorflow|pytorch|keras|scikit[\s-]?learn|sklearn|xgboost|opencv|nltk|gensim|weka"
    r"|spacy|hugging\s*face|mllib|caffe|theano|torch|jax|mlops|drift|feature\s+(?:engineering"
    r"|stores?)|training\s+(?:data|pipelines?)|(?-i:RAG)|retrieval[\s-]augmented"
    r"|vector\s+(?:search|databases?)|prompt\s+engineering|evals\b|agentic)",
    re.IGNORECASE,
)
