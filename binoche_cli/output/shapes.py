"""Every output record's shape, declared once: (key, JSON type, meaning). The field tuples,
`--fields` validation and its listing, `binoche help fields` and the JSON Schemas all derive
from these; the record functions in `records` fill them."""

# Each record shape is declared once: (key, JSON type, meaning). The field tuples, `--fields`
# validation and its listing, the README key table and the JSON Schemas all derive from these.
STR, INT, STRS, OBJS, BOOL, NUM = "string", "integer", "array<string>", "array<object>", "boolean", "number"
Shape = tuple[tuple[str, str, str], ...]

AWARD_IN_FILM: Shape = (
    ("year", INT, "year of the ceremony or festival edition"),
    ("body", STR, "awarding body or festival"),
    ("category", STR, "category as the body names it"),
    ("result", STR, "won or nominated"),
    ("label", STR, "short name of the prize: Oscar, Volpi Cup, César"),
)
SHAPES: dict[str, Shape] = {
    "film": (
        ("id", STR, "stable slug; what the viewing log stores"),
        ("year", INT, "first public release or festival premiere"),
        ("title", STR, "English title"),
        ("original_title", STR + "?", "title in the original language, when different"),
        ("aka", STRS, "other titles people use"),
        ("kind", STR, "feature, short, tv, documentary or segment"),
        ("status", STR, "released, completed, post-production, in-production or announced"),
        ("directors", STRS, "directors, full names"),
        ("role", STR, "her character, or Herself"),
        ("languages", STRS, "spoken languages"),
        ("countries", STRS, "production countries"),
        ("costars", STRS, "principal cast members"),
        ("credit", STRS, "her kind of credit: lead, supporting, cameo, voice, herself, director"),
        ("runtime", INT + "?", "running time in minutes, where a source states it"),
        ("awards", OBJS, "awards for this work: year, body, category, result, label"),
        ("notes", STR + "?", "a short note, disagreements between sources"),
        ("imdb", STR + "?", "IMDb title id (tt...)"),
        ("wikidata", STR + "?", "Wikidata item (Q...)"),
        ("tmdb", INT + "?", "TMDb movie id"),
        ("letterboxd", STR + "?", "Letterboxd film slug"),
        ("confidence", STR + "?", "low when her credit rests on a single source; else null"),
        ("confidence_reason", STR + "?", "why the confidence is low"),
        ("sources", STRS, "public pages that state these facts"),
    ),
    "award": (
        *AWARD_IN_FILM,
        ("work", STR + "?", "id of the film or stage work; null for career prizes"),
        ("title", STR + "?", "title of that work"),
        ("notes", STR + "?", "a short note"),
        ("sources", STRS, "public pages that state this award"),
    ),
    "director": (
        ("director", STR, "director's name"),
        ("films", INT, "number of works together"),
        ("first_year", INT, "year of the first"),
        ("last_year", INT, "year of the latest"),
        ("titles", STRS, "titles, in year order"),
        ("wins", INT, "awards won for these works"),
    ),
    "search": (
        ("field", STR, "where the text was found: title, role, director, costar, award..."),
        ("value", STR, "the matching text"),
        ("year", INT + "?", "year of the work or award"),
        ("title", STR + "?", "title of the work"),
        ("id", STR + "?", "id of the work"),
    ),
    "timeline": (
        ("year", INT, "year"),
        ("kind", STR, "film kind, or stage / event"),
        ("title", STR, "title, or the event's text"),
        ("directors", STRS, "directors"),
        ("role", STR + "?", "her role"),
        ("status", STR, "released, completed, post-production, in-production or announced"),
        ("awards", OBJS, "awards for this work"),
    ),
    "stat": (
        (
            "section",
            STR,
            "total, decade, kind, language, director, costar, awards (for works), honours (career), busiest_year, triple_crown",
        ),
        ("key", STR, "what is counted"),
        ("value", INT, "the count (or year)"),
        ("detail", STR + "?", "span of years, titles or a won/nominated split"),
    ),
    "guide": (
        ("step", INT, "step number"),
        ("heading", STR, "the step's heading"),
        ("why", STR, "why this step"),
        ("year", INT, "year of the film"),
        ("title", STR, "title"),
        ("id", STR, "film id"),
        ("seen", BOOL, "in your viewing log"),
    ),
    "seen": (
        ("id", STR, "film id"),
        ("year", INT, "year of the film"),
        ("title", STR, "title"),
        ("directors", STRS, "directors"),
        ("date", STR + "?", "date watched: the latest viewing (each viewing with --all); null if unknown"),
        ("rating", NUM + "?", "your rating of that viewing, 0.5 to 5 in halves"),
        ("rewatch", BOOL, "that viewing was a rewatch"),
        ("tags", STRS, "your tags for that viewing"),
        ("note", STR, "your note for that viewing"),
        ("viewings", INT, "how many times you watched the film"),
        ("mean_rating", NUM + "?", "mean of your ratings of the film, 2 decimals"),
    ),
    "seen_stat": (
        ("section", STR, "total, decade, kind, year, director, unseen_winner or not_in_dataset"),
        ("key", STR, "what is counted: a decade, kind, year watched, director, title or id"),
        ("value", INT, "films seen (total, decade, kind), viewings (year), films rated (director), year"),
        ("total", INT + "?", "films in the career (total, decade, kind)"),
        ("rating", NUM + "?", "your average rating (director), each film counted once"),
        ("detail", STR + "?", "the awards won (unseen_winner), viewings (total)"),
    ),
    "costar": (
        ("costar", STR, "co-star's name"),
        ("films", INT, "number of works together"),
        ("first_year", INT, "year of the first"),
        ("last_year", INT, "year of the latest"),
        ("titles", STRS, "titles, in year order"),
        ("roles", STRS, "her roles in those works, in the same order"),
    ),
    "together": (
        ("id", STR, "film id"),
        ("year", INT, "year of the work"),
        ("title", STR, "title"),
        ("kind", STR, "feature, short, tv, documentary or segment"),
        ("part", STR, "their part: director, co-star or both (Name: part; ... for several people)"),
        ("parts", OBJS, "each person asked about and their part: name, part"),
        ("role", STR, "her character, or Herself"),
        ("directors", STRS, "directors"),
    ),
    "graph_node": (
        ("id", STR, "stable node id: person:<name> or work:<film id>"),
        ("label", STR, "the person's name or the work's title"),
        ("type", STR, "person or work"),
        ("year", INT + "?", "year of the work; null for people"),
    ),
    "graph_edge": (
        ("source", STR, "id of the person"),
        ("target", STR, "id of the work"),
        ("role", STR, "director or costar"),
    ),
}


def fields_of(shape: str) -> tuple[str, ...]:
    return tuple(name for name, _, _ in SHAPES[shape])


FIELD_MEANINGS: dict[str, dict[str, str]] = {
    shape: {name: meaning for name, _, meaning in fields} for shape, fields in SHAPES.items()
}

FILM_FIELDS = fields_of("film")
FILM_DEFAULT = ("year", "title", "directors", "role", "awards")
AWARD_FIELDS = fields_of("award")
AWARD_DEFAULT = ("year", "body", "category", "title", "result")
DIRECTOR_FIELDS = fields_of("director")
DIRECTOR_DEFAULT = DIRECTOR_FIELDS
SEARCH_FIELDS = fields_of("search")
SEARCH_DEFAULT = ("field", "value", "year", "title")
TIMELINE_FIELDS = fields_of("timeline")
TIMELINE_DEFAULT = ("year", "kind", "title", "directors", "awards")
STAT_FIELDS = fields_of("stat")
GUIDE_FIELDS = fields_of("guide")
GUIDE_DEFAULT = ("step", "heading", "year", "title", "id", "seen")
SEEN_FIELDS = fields_of("seen")
SEEN_DEFAULT = ("date", "year", "title", "rating", "viewings")
VIEWING_DEFAULT = ("date", "year", "title", "rating", "rewatch", "tags", "note")
SEEN_STAT_FIELDS = fields_of("seen_stat")

COSTAR_FIELDS = fields_of("costar")
COSTAR_DEFAULT = ("costar", "films", "first_year", "last_year", "titles")
TOGETHER_FIELDS = fields_of("together")
TOGETHER_DEFAULT = ("year", "title", "part", "role")
# One entry of a `together` row's `parts`.
PERSON_PART: Shape = (
    ("name", STR, "the person's name as credited"),
    ("part", STR, "director, co-star, or director, co-star"),
)
