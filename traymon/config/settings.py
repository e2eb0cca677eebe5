"""Every setting Traymon has, declared once.

Each ``Setting`` names itself with a dotted name (``section.key``; ``services`` is the
one top-level list), its type, default, help text and whether IT policy may set it.
Everything else is derived from this table: validation of every layer, ``traymon
config show``, ``docs/configuration.md``, the Windows ADMX/ADML templates and the
macOS configuration profile (``tools/generate_config.py``). Adding a setting is one
entry in ``SETTINGS``; the generated files then need ``make generated``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from types import MappingProxyType

from traymon.continuity.policy import DEFAULT_SWITCH_AFTER, DEFAULT_SWITCH_BACK_AFTER, Mode

# The defaults other modules need as values (the dataclasses in ``schema.py``, the
# engine), each written once here and used by its entry in ``SETTINGS`` below.
DEFAULT_INTERVAL_S = 300
MIN_INTERVAL_S = 30
MAX_INTERVAL_S = 86_400
#: Well-known connectivity-test URLs (Windows NCSI and Android/Chrome). Plain HTTP on
#: purpose: that is how they detect captive portals; their answer is never parsed.
DEFAULT_REFERENCE_URLS = (
    "http://www.msftconnecttest.com/connecttest.txt",
    "http://connectivitycheck.gstatic.com/generate_204",
)
DEFAULT_REFERENCE_TIMEOUT_S = 5
DEFAULT_DOWN_AFTER = 2
DEFAULT_UP_AFTER = 2


class SettingType(Enum):
    BOOL = "boolean"
    INT = "integer"
    STRING = "string"
    CHOICE = "choice"
    #: ``HH:MM-HH:MM`` on a 24-hour clock (may wrap midnight), or empty for "none".
    TIME_RANGE = "time range"
    #: One https:// address (plain http only where IT allows it), or empty.
    URL = "URL"
    STRING_LIST = "list of strings"
    URL_LIST = "list of URLs"
    #: Paths of files (PEM certificates); relative paths are not allowed.
    PATH_LIST = "list of file paths"
    #: ``http://host:port`` (or https), or empty; never with a password in it.
    PROXY_URL = "proxy URL"
    #: The name of a secret in the OS keyring (``traymon secret set NAME``), never the secret.
    SECRET_NAME = "secret name"
    #: The ``[[services]]`` list of tables, validated by ``traymon.config.loader``.
    SERVICES = "list of services"
    #: A table of text values (``[continuity.backup]``).
    TABLE = "table"
    #: A list of tables (``[[continuity.instructions]]``).
    TABLE_LIST = "list of tables"


SettingValue = bool | int | str | tuple[str, ...] | tuple[object, ...] | Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    type: SettingType
    default: SettingValue
    help: str
    #: Whether IT may set (and so lock) it by policy. Machine defaults may set any setting.
    policy: bool = True
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    #: How the default reads in the docs when the value itself says little.
    default_text: str | None = None
    #: URLs may be plain http:// (connectivity checks: never parsed, never trusted).
    plain_http_ok: bool = False
    #: The person may choose it in the settings dialog (the person layer, ``config.person``).
    person: bool = False

    @property
    def section(self) -> str:
        return self.name.split(".", 1)[0] if "." in self.name else ""

    @property
    def key(self) -> str:
        return self.name.rsplit(".", 1)[-1]


SERVICES = "services"

SETTINGS: tuple[Setting, ...] = (
    Setting(
        SERVICES,
        SettingType.SERVICES,
        (),
        "The services to watch, as [[services]] tables (id, name, kind, url, interval). "
        "On statuspage, statusio, instatus and slack services, components = [...] watches "
        "only those parts of a big page (names or ids; a group's name takes its children; "
        "[] watches all), e.g. Cloudflare's products without its data centres.",
        default_text="the built-in list (resources/default_services.toml)",
    ),
    Setting(
        "checks.allow_user_services",
        SettingType.BOOL,
        True,
        "Whether people may add services of their own to a list that policy sets. "
        "Their entries are added after IT's; an entry with the same id as IT's is ignored.",
    ),
    Setting(
        "checks.min_interval",
        SettingType.INT,
        MIN_INTERVAL_S,
        "The shortest time between two checks of one service, in seconds. "
        "Services configured to be checked more often are checked at this interval.",
        minimum=MIN_INTERVAL_S,
        maximum=MAX_INTERVAL_S,
    ),
    Setting(
        "checks.interval",
        SettingType.INT,
        DEFAULT_INTERVAL_S,
        "Seconds between two checks of every service. Unset, each [[services]] entry's own "
        "interval applies (300 s unless it says). Never below checks.min_interval.",
        minimum=MIN_INTERVAL_S,
        maximum=MAX_INTERVAL_S,
        default_text=f"unset (each service's own, {DEFAULT_INTERVAL_S} s unless it says)",
        person=True,
    ),
    Setting(
        "checks.watch",
        SettingType.STRING_LIST,
        (),
        "The ids of the services to watch, from the services list and the built-in "
        "catalogue (traymon catalogue). Empty: every service in the list. Ignored while "
        "policy sets the services list and not this.",
        default_text="empty (every service in the list)",
        person=True,
    ),
    Setting(
        "notifications.enabled",
        SettingType.BOOL,
        True,
        "Whether Traymon shows a desktop notification when a service changes state.",
        person=True,
    ),
    Setting(
        "notifications.quiet_hours",
        SettingType.TIME_RANGE,
        "",
        "Daily quiet hours when no notifications are shown, as HH:MM-HH:MM on a 24-hour "
        "clock (22:00-07:00 spans midnight). Empty: no quiet hours.",
        person=True,
    ),
    Setting(
        "notifications.down_after",
        SettingType.INT,
        DEFAULT_DOWN_AFTER,
        "How many bad checks in a row before a service is reported down (against flapping).",
        minimum=1,
        maximum=10,
    ),
    Setting(
        "notifications.up_after",
        SettingType.INT,
        DEFAULT_UP_AFTER,
        "How many good checks in a row before a service is reported back.",
        minimum=1,
        maximum=10,
    ),
    Setting(
        "continuity.mode",
        SettingType.CHOICE,
        Mode.OFF.value,
        "What Traymon does with the mail client during an outage of a trigger service: "
        "off (nothing), ask (offer to switch to the backup account) or automatic (switch, "
        "and switch back on recovery).",
        choices=tuple(m.value for m in Mode),
    ),
    Setting(
        "continuity.trigger_services",
        SettingType.STRING_LIST,
        (),
        "The ids of the services whose outage triggers the switch to the backup mail account.",
    ),
    Setting(
        "continuity.switch_after_minutes",
        SettingType.INT,
        DEFAULT_SWITCH_AFTER // timedelta(minutes=1),
        "Minutes a trigger service must be down before Traymon switches (or offers to).",
        minimum=1,
        maximum=24 * 60,
    ),
    Setting(
        "continuity.switch_back_after_minutes",
        SettingType.INT,
        DEFAULT_SWITCH_BACK_AFTER // timedelta(minutes=1),
        "Minutes a trigger service must be back before Traymon switches back.",
        minimum=1,
        maximum=24 * 60,
    ),
    Setting(
        "continuity.webmail_url",
        SettingType.URL,
        "",
        "The backup webmail address shown during an outage (https://). Empty: none.",
    ),
    Setting(
        "continuity.backup",
        SettingType.TABLE,
        MappingProxyType({}),
        "The backup account per mail client: thunderbird (account key), outlook (profile "
        "name), evolution (account UID), apple_mail and apple_mail_primary (account names).",
        default_text="(none)",
    ),
    Setting(
        "continuity.instructions",
        SettingType.TABLE_LIST,
        (),
        "What people should do while a service is down: tables with service (an id, or * "
        "for any), text (Markdown) and optionally states (which states it applies to).",
    ),
    Setting(
        "network.reference_urls",
        SettingType.URL_LIST,
        DEFAULT_REFERENCE_URLS,
        "Addresses that tell whether this computer is online at all; when they fail too, "
        "Traymon says 'you are offline' instead of reporting outages. Plain http:// is "
        "allowed here: that is how captive portals are detected, and the answer is never "
        "trusted as a status.",
        plain_http_ok=True,
    ),
    Setting(
        "network.timeout",
        SettingType.INT,
        DEFAULT_REFERENCE_TIMEOUT_S,
        "Seconds to wait for each reference address before counting it as unreachable.",
        minimum=1,
        maximum=60,
    ),
    Setting(
        "network.allow_plain_http",
        SettingType.BOOL,
        False,
        "Whether plain http:// addresses beyond this computer may be used. Off by default: "
        "an unencrypted status answer can be rewritten by anyone on the network path.",
    ),
    Setting(
        "network.proxy",
        SettingType.PROXY_URL,
        "",
        "The proxy for all of Traymon's requests (http://host:port). Empty: the system "
        "proxy (environment variables, Windows Internet settings, macOS network settings).",
    ),
    Setting(
        "network.proxy_username",
        SettingType.STRING,
        "",
        "User name for the proxy in network.proxy, when it needs one.",
    ),
    Setting(
        "network.proxy_password_secret",
        SettingType.SECRET_NAME,
        "",
        "The name of the keyring secret holding the proxy password "
        "(stored on each computer with `traymon secret set NAME`).",
    ),
    Setting(
        "network.extra_ca_certificates",
        SettingType.PATH_LIST,
        (),
        "PEM files of certificate authorities to trust in addition to the operating "
        "system's trust store (for example a TLS-inspecting proxy's root).",
    ),
    Setting(
        "relay.public_keys",
        SettingType.STRING_LIST,
        (),
        "IT's pinned public keys for the company relay's signed status documents "
        "(ed25519:…, from `traymon relay keygen`); two while rotating. Used by every "
        "service of kind relay that does not name its own keys.",
    ),
    Setting(
        "relay.tenant_id",
        SettingType.STRING,
        "",
        "The tenant the company relay's documents must be for (e.g. contoso.onmicrosoft.com). "
        "Used by every service of kind relay that does not name its own tenant_id.",
    ),
    Setting(
        "fleet.report_url",
        SettingType.URL,
        "",
        "Where this desktop sends its fleet reports (the company relay's ingest, e.g. "
        "https://status.example.com/v1/report). Empty: no reports. A report says per "
        "probed service only whether its probes passed and a coarse failure class; no "
        "user, host, address, URL or error text, and an id that changes every day.",
    ),
    Setting(
        "fleet.site",
        SettingType.STRING,
        "",
        "This desktop's site label for the fleet (e.g. berlin: letters, digits, - and _), "
        "set per Group Policy OU or Intune group. Reports need it; the relay's fleet "
        'verdict for this site tells "it\'s not just you" from "it\'s this PC".',
    ),
    Setting(
        "fleet.token",
        SettingType.STRING,
        "",
        "The enrolment token the fleet ingest accepts (the relay's TRAYMON_FLEET_TOKEN). "
        "Not a personal secret: the same for every desktop of the company.",
    ),
    Setting(
        "tray.show_count",
        SettingType.BOOL,
        True,
        "Whether the tray icon shows the number of affected services when two or more are.",
        person=True,
    ),
    Setting(
        "logging.level",
        SettingType.CHOICE,
        "info",
        "How much Traymon writes to its log file (rotated in the user's log folder).",
        choices=("debug", "info", "warning", "error"),
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}
#: What the person may choose in the settings dialog (stored in the person layer).
PERSON_SETTINGS: tuple[str, ...] = tuple(s.name for s in SETTINGS if s.person)
#: The ``[section]`` tables a TOML layer may contain.
SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(s.section for s in SETTINGS if s.section))
