"""Indeed Hiring Lab AI Tracker series (CC BY 4.0), shipped as data; see ATTRIBUTION.md."""
