"""The HTML report. Entry point: ``reports.page.write_report``.

Kept free of imports so importing the package stays cheap; plotly loads only with the page.
"""
