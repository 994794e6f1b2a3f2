"""The printed paper forms (reportlab): 评审一览表, 评审公示表 and the unit 公示名单."""

from zcdesk.forms.draft import has_errors
from zcdesk.forms.fonts import UnprintableText, load_fonts
from zcdesk.forms.publicity import PublicityRenderer, render_publicity
from zcdesk.forms.publicity_data import publicity_data
from zcdesk.forms.roster import RosterRenderer, render_roster
from zcdesk.forms.roster_data import roster_data
from zcdesk.forms.summary import SummaryRenderer, render_summary
from zcdesk.forms.summary_data import summary_data

__all__ = [
    "PublicityRenderer",
    "RosterRenderer",
    "SummaryRenderer",
    "UnprintableText",
    "has_errors",
    "load_fonts",
    "publicity_data",
    "render_publicity",
    "render_roster",
    "render_summary",
    "roster_data",
    "summary_data",
]
