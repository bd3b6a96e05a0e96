"""Files of personal data sent to the browser: attachments that no cache keeps."""

from io import BytesIO

from flask import Response, send_file


def download(content: bytes, mimetype: str, filename: str) -> Response:
    """An attachment, not kept by caches. The name may hold what users typed (an event's ref): send_file quotes it
    and adds RFC 6266's filename* for what is not ASCII."""
    response = send_file(BytesIO(content), mimetype=mimetype, as_attachment=True, download_name=filename)
    response.headers["Cache-Control"] = "no-store"
    return response
