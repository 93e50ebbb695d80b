#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for CivicDesk's tests (SmtpTestServer runs it).

Needs the system python3 with Debian's python3-aiosmtpd (1.4.x): run it as /usr/bin/python3,
since a pyenv python on PATH usually lacks aiosmtpd.

    smtp_server.py OUTDIR [--starttls CERT KEY | --implicit-tls CERT KEY] [--auth USER PASS]
                          [--reject-rcpt ADDRESS]... [--tempfail-first N]

Listens on an ephemeral port and prints that port, alone on a line, once it accepts
connections. Each accepted message becomes OUTDIR/NNNNNN.msg: header lines

    from: <envelope sender>
    rcpt: <one line per recipient>
    tls: 0|1            (whether the session was encrypted)
    auth: <user>        (only when the client authenticated)

then an empty line, then the DATA bytes exactly as received (dot-stuffing already undone).
Files are written under a temporary name and renamed, so a reader never sees half a file.

Exits when its stdin reaches EOF, so it cannot outlive a test process that died without
killing it (the parent holds the write end of a pipe on our stdin).
"""

import argparse
import asyncio
import logging
import os
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, TLSSetupException


class Recorder:
    """The aiosmtpd handler: refuses what the options say, records the rest."""

    def __init__(self, outdir, reject, tempfail_first, implicit_tls):
        self.outdir = outdir
        self.reject = {address.lower() for address in reject}
        self.tempfail_left = tempfail_first
        self.implicit_tls = implicit_tls
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        # Counted per message that reaches the end of DATA, the point where a real server
        # that is short of disk or behind greylisting answers 451.
        if self.tempfail_left > 0:
            self.tempfail_left -= 1
            return "451 4.3.0 Temporary failure, try again later"
        self.count += 1
        encrypted = self.implicit_tls or session.ssl is not None
        head = ["from: %s" % envelope.mail_from]
        head += ["rcpt: %s" % rcpt for rcpt in envelope.rcpt_tos]
        head.append("tls: %d" % (1 if encrypted else 0))
        if session.authenticated and session.auth_data is not None:
            head.append("auth: %s" % session.auth_data)
        data = envelope.original_content or envelope.content or b""
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        name = os.path.join(self.outdir, "%06d.msg" % self.count)
        with open(name + ".tmp", "wb") as out:
            out.write(("\n".join(head) + "\n\n").encode("utf-8"))
            out.write(data)
        os.rename(name + ".tmp", name)
        return "250 2.0.0 OK: queued as %06d" % self.count

    async def handle_exception(self, error):
        # A failed STARTTLS handshake is what the wrong-CA tests provoke: no traceback for it
        # (aiosmtpd then just closes the connection). Anything else is a bug worth seeing.
        if not isinstance(error, TLSSetupException):
            logging.getLogger("smtp_server").error("session error", exc_info=error)
        return "500 Error: (%s) %s" % (error.__class__.__name__, error)


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword)
                and auth_data.login == user.encode()
                and auth_data.password == password.encode()):
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)
    return authenticate


def tls_context(cert, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def serve(args):
    loop = asyncio.get_running_loop()
    implicit = args.implicit_tls is not None
    handler = Recorder(args.outdir, args.reject_rcpt, args.tempfail_first, implicit)
    starttls = tls_context(*args.starttls) if args.starttls else None

    def make_session():
        options = dict(hostname="localhost", loop=loop, timeout=30)
        if starttls is not None:
            options.update(tls_context=starttls, require_starttls=True)
        if args.auth:
            options.update(authenticator=make_authenticator(*args.auth), auth_required=True,
                           # aiosmtpd only knows TLS it started itself (STARTTLS); under
                           # implicit TLS the whole connection is already encrypted.
                           auth_require_tls=not implicit)
        return SMTP(handler, **options)

    server = await loop.create_server(
        make_session, host="127.0.0.1", port=0,
        ssl=tls_context(*args.implicit_tls) if implicit else None)
    print(server.sockets[0].getsockname()[1], flush=True)

    stdin_closed = loop.create_future()

    def on_stdin():
        if not os.read(sys.stdin.fileno(), 4096) and not stdin_closed.done():
            stdin_closed.set_result(None)

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    await stdin_closed
    server.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    tls.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", nargs=2, metavar=("USER", "PASS"))
    parser.add_argument("--reject-rcpt", action="append", default=[], metavar="ADDRESS")
    parser.add_argument("--tempfail-first", type=int, default=0, metavar="N")
    args = parser.parse_args()
    # aiosmtpd logs every session at INFO; a test's output should show only real trouble.
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    # aiosmtpd warns about AUTH without TLS it started; under --implicit-tls that is wrong.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
