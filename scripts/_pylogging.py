"""CPython's logging returned to its import-time state between the cases of a fixture generator
(no handlers, root at WARNING, no loggers), and the shape generators give an exception.

    from _pylogging import reset_logging, error_info

Import it after `require_313()` (scripts/_oracle.py): it imports logging.config.
"""

import logging
import logging.config


def reset_logging():
    """Close and drop every handler, empty the logger tree, put the root back at WARNING."""
    logging.config._clearExistingHandlers()
    root = logging.root
    root.handlers.clear()
    root.filters.clear()
    root.setLevel(logging.WARNING)
    root.disabled = False
    logging.Logger.manager.loggerDict.clear()
    logging.Logger.manager._clear_cache()


def error_info(e):
    """`[type, message, cause type, cause message]` of an exception (None where it has no cause)."""
    c = e.__cause__
    return [type(e).__name__, str(e), None if c is None else type(c).__name__,
            None if c is None else str(c)]
