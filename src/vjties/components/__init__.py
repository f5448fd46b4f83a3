"""vjties' pipeline components, one module each; importing this registers their factories."""

from vjties.components import (  # noqa: F401
    dates,
    events,
    figures,
    line_breaks,
    localities,
    metadata,
    officials,
    organizations,
    partnerships,
)
