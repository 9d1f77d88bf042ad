"""`renaksi-docs serve`: the web page and HTTP API over the same library (docs/serve.md).

app.py is the Flask app factory (page, API, password, access log); guard.py what is checked
before a request is read (Host, Origin, password throttle, client address); work.py the private
work folders; conversions.py the PDF queue; server.py runs the app under cheroot; launch.py
is the double-click launcher (`renaksi-docs buka`).
"""

from .app import create_app

__all__ = ["create_app"]
