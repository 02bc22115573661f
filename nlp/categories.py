"""The vocabularies of the taxonomy: skill categories, their groups, and skill clusters.

Every skill has one category of :data:`CATEGORIES`; each category belongs to one of the
nine groups of :data:`GROUPS` (:data:`CATEGORY_GROUPS`), which the report charts by.
Skills of the AI/ML technician's work also carry a cluster of :data:`CLUSTERS`; those of
:data:`AI_ML_CLUSTERS` make a posting an AI/ML role (:mod:`nlp.profile`). Re-exported by
:mod:`nlp.skills`.
"""

from __future__ import annotations

CATEGORIES = (
    "programming_language",
    "ml_framework",
    "data_tool",
    "database",
    "cloud",
    "mlops_devops",
    "ai_technique",
    "math_statistics",
    "practice",
    "soft_skill",
    "web_framework",
    "other_tool",
    "domain",
    "field_of_study",
    "language",
)
GROUPS = (
    "programming_language",
    "ml_framework",
    "data_tool_database",
    "cloud",
    "mlops_devops_tool",
    "ai_technique",
    "math_statistics",
    "practice",
    "soft_skill",
)
GROUP_LABELS = {
    "programming_language": "programming language",
    "ml_framework": "ML/AI framework or library",
    "data_tool_database": "data tool or database",
    "cloud": "cloud platform or service",
    "mlops_devops_tool": "MLOps/DevOps tool",
    "ai_technique": "AI/ML technique",
    "math_statistics": "math and statistics",
    "practice": "practice/method",
    "soft_skill": "soft skill",
}
# Web frameworks count with the languages they extend; other engineering tools (IDEs,
# operating systems, security and network tools) with the tooling group; industry domains
# and fields of study are knowledge areas like practices; human languages are soft skills.
CATEGORY_GROUPS = {
    "programming_language": "programming_language",
    "web_framework": "programming_language",
    "ml_framework": "ml_framework",
    "data_tool": "data_tool_database",
    "database": "data_tool_database",
    "cloud": "cloud",
    "mlops_devops": "mlops_devops_tool",
    "other_tool": "mlops_devops_tool",
    "ai_technique": "ai_technique",
    "math_statistics": "math_statistics",
    "practice": "practice",
    "domain": "practice",
    "field_of_study": "practice",
    "soft_skill": "soft_skill",
    "language": "soft_skill",
}
CLUSTERS = (
    "machine_learning",
    "deep_learning",
    "nlp",
    "computer_vision",
    "generative_ai",
    "robotics",
    "data_engineering",
    "mlops",
    "cloud",
    "math_statistics",
)
AI_ML_CLUSTERS = (
    "machine_learning",
    "deep_learning",
    "nlp",
    "computer_vision",
    "generative_ai",
    "robotics",
)
