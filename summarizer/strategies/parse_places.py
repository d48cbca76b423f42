"""States by their own name, their capital or their seat of government, as ISO codes.

"Moscow said" and "the Kremlin denied" are Russia speaking; "Chile" read as an
organisation is a country. `parse_coref` uses these to fold a capital into its state.
"""

from __future__ import annotations

import functools
import re

__all__ = ["CAPITALS", "capital_code", "countries_in", "country_code"]

# Capitals of the world's states and the seats of government news uses for a state
# ("the Kremlin said"), folded, with the state's ISO 3166-1 alpha-3 code. General
# knowledge, not any article's vocabulary: "Ottawa said" is Canada in any story. Left out:
# capitals that as often name something else (Brussels the EU, Victoria or Kingston a
# person or another city, Santiago or San Jose other cities) and contested ones.
CAPITALS = dict(
    re.findall(
        r"\s*(.+?):([A-Z]{3})",
        "kabul:AFG tirana:ALB algiers:DZA andorra la vella:AND luanda:AGO buenos aires:ARG yerevan:ARM canberra:AUS "
        "vienna:AUT baku:AZE nassau:BHS manama:BHR dhaka:BGD bridgetown:BRB minsk:BLR belmopan:BLZ "
        "porto-novo:BEN thimphu:BTN sucre:BOL la paz:BOL sarajevo:BIH gaborone:BWA brasilia:BRA brasília:BRA "
        "bandar seri begawan:BRN sofia:BGR ouagadougou:BFA gitega:BDI phnom penh:KHM yaounde:CMR yaoundé:CMR "
        "ottawa:CAN praia:CPV bangui:CAF n'djamena:TCD beijing:CHN bogota:COL bogotá:COL moroni:COM "
        "kinshasa:COD brazzaville:COG zagreb:HRV havana:CUB nicosia:CYP prague:CZE "
        "copenhagen:DNK djibouti:DJI roseau:DMA santo domingo:DOM dili:TLS quito:ECU cairo:EGY san salvador:SLV "
        "malabo:GNQ asmara:ERI tallinn:EST mbabane:SWZ addis ababa:ETH suva:FJI helsinki:FIN paris:FRA "
        "libreville:GAB banjul:GMB tbilisi:GEO berlin:DEU accra:GHA athens:GRC guatemala city:GTM conakry:GIN "
        "bissau:GNB port-au-prince:HTI tegucigalpa:HND budapest:HUN reykjavik:ISL new delhi:IND "
        "jakarta:IDN tehran:IRN baghdad:IRQ dublin:IRL rome:ITA tokyo:JPN amman:JOR "
        "astana:KAZ nairobi:KEN tarawa:KIR pristina:XKX kuwait city:KWT bishkek:KGZ vientiane:LAO riga:LVA "
        "beirut:LBN maseru:LSO monrovia:LBR tripoli:LBY vaduz:LIE vilnius:LTU luxembourg:LUX antananarivo:MDG "
        "lilongwe:MWI kuala lumpur:MYS bamako:MLI valletta:MLT majuro:MHL nouakchott:MRT port louis:MUS "
        "mexico city:MEX palikir:FSM chisinau:MDA monaco:MCO ulaanbaatar:MNG podgorica:MNE rabat:MAR maputo:MOZ "
        "naypyidaw:MMR windhoek:NAM kathmandu:NPL amsterdam:NLD wellington:NZL managua:NIC niamey:NER abuja:NGA "
        "pyongyang:PRK skopje:MKD oslo:NOR muscat:OMN islamabad:PAK ngerulmud:PLW "
        "port moresby:PNG asuncion:PRY asunción:PRY lima:PER manila:PHL warsaw:POL lisbon:PRT doha:QAT "
        "bucharest:ROU moscow:RUS kigali:RWA basseterre:KNA castries:LCA kingstown:VCT apia:WSM san marino:SMR "
        "sao tome:STP riyadh:SAU dakar:SEN belgrade:SRB freetown:SLE singapore:SGP bratislava:SVK "
        "ljubljana:SVN honiara:SLB mogadishu:SOM pretoria:ZAF seoul:KOR juba:SSD madrid:ESP colombo:LKA "
        "khartoum:SDN paramaribo:SUR stockholm:SWE bern:CHE damascus:SYR taipei:TWN dushanbe:TJK dodoma:TZA "
        "bangkok:THA lome:TGO lomé:TGO nuku'alofa:TON port of spain:TTO tunis:TUN ankara:TUR ashgabat:TKM "
        "funafuti:TUV kampala:UGA kyiv:UKR kiev:UKR abu dhabi:ARE london:GBR washington:USA montevideo:URY "
        "tashkent:UZB port vila:VUT caracas:VEN hanoi:VNM sanaa:YEM sana'a:YEM lusaka:ZMB harare:ZWE "
        "kremlin:RUS downing street:GBR elysee:FRA élysée:FRA elysee palace:FRA zhongnanhai:CHN",
    )
)
_STEM = re.compile(r"^(?:the\s+)")


def capital_code(name: str) -> str | None:
    """The ISO alpha-3 code of the state whose capital or seat of government `name` is."""
    return CAPITALS.get(_STEM.sub("", name.strip().lower()))


@functools.lru_cache(maxsize=1)
def _country_names() -> list[tuple[str, str]]:
    """Each country's names folded to words (" russian federation "), with its alpha-3 code."""
    import pycountry

    out = []
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if value:
                out.append((" " + " ".join(re.findall(r"\w+", str(value).lower())) + " ", str(country.alpha_3)))
    return out


@functools.lru_cache(maxsize=512)
def country_code(name: str, fuzzy: bool = True) -> str | None:
    """A country name's ISO alpha-3: an exact match, else (if `fuzzy`) the one country whose
    name starts with it or has it as words ("Russia" -> Russian Federation, "Britain" -> United
    Kingdom of Great Britain ...); never a guess from a fragment or between two countries."""
    import pycountry

    name = name.replace(".", "").strip()
    if not name or not name[:1].isupper():
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        pass
    if len(name) < 4 or not fuzzy:
        return None
    words = " " + " ".join(re.findall(r"\w+", name.lower()))
    # whole words anywhere ("Britain"), or the start of the name's first word ("Russia"), not the
    # start of a later word: "Caledon" is no short form of "New Caledonia"
    codes = {code for names, code in _country_names() if words + " " in names or names.startswith(words)}
    return codes.pop() if len(codes) == 1 else None



def countries_in(words: list[str]) -> set[str]:
    """The countries capitalised words name: a country's own name ("of Argentina"), or a nationality
    adjective (ending -an, -ine, -ese, -i) that, less its ending, begins a one-word country's name
    ("German", "Kenyan", "Argentine", "Chinese", "Nepali"); not "Ports" or "Union"."""
    out = set()
    for word in words:
        code = country_code(word, fuzzy=False) if word[:1].isupper() else None
        ending = re.search(r"(?:an|ine|ese|i)$", word) if word[:1].isupper() else None
        for cut in range(4 if ending and code is None else 0):
            stem = " " + word[: len(word) - cut].lower()
            codes = {c for names, c in _country_names() if names.startswith(stem) and names.count(" ") == 2}
            if len(stem) > 4 and len(codes) == 1:
                code = codes.pop()
                break
        if code is not None:
            out.add(code)
    return out
