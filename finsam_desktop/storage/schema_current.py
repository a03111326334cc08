"""The schema the upgrade chain builds for the current version, kept as data so that
opening a plan does not build it on an in-memory database each time (5 ms of every open).

Written by `python -m finsam_desktop.storage.schema`; tests/storage/test_schema.py checks
it against the chain. Do not edit by hand.
"""

VERSION = 3
SCHEMA = (
    ('index', 'sqlite_autoindex_meta_1', 'meta', ''),
    ('table', 'checklist', 'checklist', 'CREATE TABLE checklist ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, text TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0 )'),
    ('table', 'goals', 'goals', "CREATE TABLE goals ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, indicators TEXT NOT NULL DEFAULT '[]' , text TEXT NOT NULL DEFAULT '', sub_goals TEXT NOT NULL DEFAULT '[]')"),
    ('table', 'interventions', 'interventions', "CREATE TABLE interventions ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, area TEXT NOT NULL, category TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '', municipality TEXT NOT NULL DEFAULT '', item_group TEXT NOT NULL DEFAULT '', amounts TEXT NOT NULL DEFAULT '{}', participants TEXT NOT NULL DEFAULT '{}', external_funding TEXT NOT NULL DEFAULT '{}', start TEXT NOT NULL DEFAULT '', end TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '' , code TEXT NOT NULL DEFAULT '')"),
    ('table', 'lines', 'lines', "CREATE TABLE lines ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, section TEXT NOT NULL CHECK (section IN ('income', 'cost')), name TEXT NOT NULL, line_group TEXT NOT NULL DEFAULT '', amounts TEXT NOT NULL DEFAULT '{}' , code TEXT NOT NULL DEFAULT '')"),
    ('table', 'members', 'members', "CREATE TABLE members ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, key TEXT, key_source TEXT NOT NULL DEFAULT '', previous_contribution INTEGER )"),
    ('table', 'meta', 'meta', 'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)'),
    ('table', 'periods', 'periods', "CREATE TABLE periods ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, end TEXT NOT NULL DEFAULT '', actuals TEXT NOT NULL DEFAULT '{}', forecast TEXT NOT NULL DEFAULT '{}', comments TEXT NOT NULL DEFAULT '{}' )"),
    ('table', 'plan', 'plan', "CREATE TABLE plan ( id INTEGER PRIMARY KEY CHECK (id = 1), association TEXT NOT NULL, decided TEXT NOT NULL DEFAULT '', plan_year INTEGER NOT NULL, plan_span INTEGER NOT NULL, unit TEXT NOT NULL, totals TEXT NOT NULL DEFAULT '{}', previous_total INTEGER, share_state TEXT NOT NULL, share_region TEXT NOT NULL, share_municipalities TEXT NOT NULL, key_precision TEXT, rounding INTEGER NOT NULL, opening_equity INTEGER , opening_is_forecast INTEGER NOT NULL DEFAULT 0, opening_note TEXT NOT NULL DEFAULT '', cover_title TEXT NOT NULL DEFAULT '', cover_subtitle TEXT NOT NULL DEFAULT '', cover_logo BLOB NOT NULL DEFAULT x'', cover_logo_type TEXT NOT NULL DEFAULT '', cover_note TEXT NOT NULL DEFAULT '', area_labels TEXT NOT NULL DEFAULT '{}', accounts TEXT NOT NULL DEFAULT '{}')"),
    ('table', 'rules', 'rules', "CREATE TABLE rules ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, kind TEXT NOT NULL, amount INTEGER NOT NULL DEFAULT 0, share TEXT NOT NULL DEFAULT '0', basis TEXT NOT NULL DEFAULT '', area TEXT NOT NULL DEFAULT '' )"),
    ('table', 'sections', 'sections', "CREATE TABLE sections ( id INTEGER PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL DEFAULT '' , kind TEXT NOT NULL DEFAULT 'chapter', block TEXT NOT NULL DEFAULT '', block_title TEXT, included INTEGER NOT NULL DEFAULT 1, alt_text TEXT NOT NULL DEFAULT '')"),
)
