"""`renaksi-docs serve`: the web page and HTTP API over the same library (docs/serve.md).

app.py is the Flask app factory (page, API, password, access log); work.py the private work
folders; conversions.py the PDF queue; server.py runs the app under waitress.
"""

from .app import create_app

__all__ = ["create_app"]
