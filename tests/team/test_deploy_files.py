"""The deployment files: the compose file parses and wires the team together, and every afterboard command
line in it and in the systemd units is one the real CLI accepts (Docker cannot run here)."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

import click
import yaml

from afterboard.cli import cli
from afterboard.settings import TABLES, Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def accepted(argv: list[str]) -> str:
    """The afterboard subcommand `argv` runs, once click has parsed its options (BadParameter if not)."""
    assert Path(argv[0]).name == "afterboard", argv
    # the group's context settings, as `afterboard ARGS` has them: click keeps the help option it makes
    with click.Context(cli, info_name="afterboard", **cli.context_settings) as parent:
        command = cli.get_command(parent, argv[1])
        assert command is not None, argv
        command.make_context(argv[1], list(argv[2:]), parent=parent)
    return argv[1]


def test_the_compose_file_runs_migrate_first_then_two_web_processes_and_two_workers_on_the_queue() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]

    assert {"postgres", "migrate", "web", "worker", "caddy"} <= set(services)
    assert [accepted(services[name]["command"]) for name in ("migrate", "web", "worker")] == [
        "migrate",
        "serve",
        "worker",
    ]
    for name in ("web", "worker"):
        assert services[name]["deploy"]["replicas"] == 2
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        environment = services[name]["environment"]
        assert environment["AFTERBOARD_QUEUE"] == "procrastinate"
        assert environment["AFTERBOARD_DATABASE_URL"].startswith("postgresql://")
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert (DEPLOY / services["web"]["build"]["dockerfile"].removeprefix("deploy/")).is_file()


def test_the_systemd_units_run_commands_the_cli_accepts_with_the_shared_environment_file() -> None:
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    ran = []
    for unit in units:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.read(unit, encoding="utf-8")
        service = parser["Service"]
        assert service["EnvironmentFile"] == "/etc/afterboard/afterboard.env"
        ran.append(accepted(shlex.split(service["ExecStart"].replace("%i", "8001"))))
    assert sorted(ran) == ["migrate", "serve", "worker"]
    env = (DEPLOY / "systemd" / "afterboard.env").read_text(encoding="utf-8")
    assert "AFTERBOARD_QUEUE=procrastinate" in env


def test_the_deployment_guide_lists_every_setting_as_an_environment_variable() -> None:
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        if name not in TABLES:
            assert f"`AFTERBOARD_{name.upper()}`" in guide, name
