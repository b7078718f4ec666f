"""The example year's commentary: a foreword, a few sections, two gminas and three pictures.

The pictures are drawn here (Pillow): simple illustrations with no real people, whose text
alternatives begin with "Ilustracja", so the report labels them "Ilustracja", not "Zdjęcie".
First aid is a white cross on green, never a red cross on white (the protected emblem of the
Red Cross). Each carries made-up camera data and a GPS position in its EXIF, as a phone's photo
would, so that the example shows the report publishing none of it. Same call, same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

import font_source_sans_pro
from PIL import ExifTags, Image, ImageDraw, ImageFont

from ..schema import PHOTO_FOLDER

__all__ = ["write_example_commentary"]

SIZE = (1600, 1000)
FONT = ImageFont.truetype(str(Path(font_source_sans_pro.font_directory) / "SourceSansPro-Semibold.ttf"), 44)
GMINAS = {"Drzewica", "Opoczno"}  # the gminas the example names: it suits the bundled registry only

TEXT = """# Słowo wstępne

Szanowni Państwo,

przedstawiam Radzie Powiatu Opoczyńskiego informację o stanie bezpieczeństwa w powiecie w {rok} r.
i o działaniach profilaktycznych, które policjanci Komendy Powiatowej Policji w Opocznie prowadzili
razem z samorządami gmin, szkołami, strażakami i ratownikami medycznymi.

Miniony rok przyniósł więcej stwierdzonych przestępstw, w dużej części oszustw popełnianych przez
internet, ale też wyższą wykrywalność ich sprawców i mniej ofiar śmiertelnych na drogach powiatu.
Dziękuję wójtom i burmistrzom za współfinansowanie dodatkowych służb policjantów, a dyrektorom szkół
i naszym partnerom – za wspólne debaty, pikniki, turnieje i zajęcia z pierwszej pomocy. Liczę, że ta
informacja posłuży Radzie i samorządom przy planowaniu wspólnych działań na {nastepny} r.

*Komendant Powiatowy Policji w Opocznie*

# Najważniejsze wnioski

Wzrost liczby przestępstw wynika w dużej mierze z oszustw internetowych, zgłaszanych
częściej niż przed rokiem. Na drogach powiatu zginęło mniej osób niż w {poprzedni} r.

# Powiat

## Działania profilaktyczne

Najwięcej uczestników wśród turniejów miał Halowy Turniej Piłki Nożnej o Puchar Komendanta. Akcję
„Na ratunek” przygotowaliśmy razem ze stacją ratownictwa medycznego Falck w Opocznie.

{turniej}

{na_ratunek}

## Krajowa Mapa Zagrożeń Bezpieczeństwa

Najwięcej zgłoszeń dotyczyło spożywania alkoholu w miejscach niedozwolonych i przekraczania
prędkości. Każde zgłoszenie dzielnicowi sprawdzali na miejscu w ciągu kilku dni.

# Gmina Drzewica

## Przestępstwa w 7 kategoriach

Wzrost liczby kradzieży z włamaniem to w większości seria czterech włamań do domków
letniskowych wiosną. W maju zatrzymano podejrzanych; do końca roku wyjaśniono dwa z tych włamań.

Seria włamań do domków letniskowych w {rok} r.:

| okres | włamania w serii | wyjaśnione |
|---|---|---|
| marzec–kwiecień | 3 | 1 |
| maj | 1 | 1 |

# Gmina Opoczno

## Działania profilaktyczne

W czerwcu uczniowie klas szóstych ze szkół gminy przejechali trasę powiatowego rajdu rowerowego, ucząc się
zasad ruchu drogowego w praktyce.

{rajd}

# Plan na kolejny rok

Na {nastepny} r. prosimy samorządy o utrzymanie finansowania służb ponadnormatywnych
w okresie wakacyjnym, gdy ruch na drogach powiatu jest największy.
"""


# name -> (file, text alternative, caption): Markdown's ![alternative](file "caption")
PHOTOS = {
    "turniej": ("turniej.jpg", "Ilustracja: boisko halowe z dwiema bramkami i piłką na środku",
                "Halowy Turniej Piłki Nożnej o Puchar Komendanta"),
    "na_ratunek": ("na-ratunek.jpg", "Ilustracja: biały krzyż pierwszej pomocy na zielonym tle",
                   "Akcja „Na ratunek” ze stacją Falck"),
    "rajd": ("rajd.jpg", "Ilustracja: rower na krętej trasie rajdu wśród pól, z flagą na mecie",
             "Powiatowy rajd rowerowy"),
}


def write_example_commentary(folder: Path, year: int) -> None:
    """`komentarz.md` and the photos it shows, in `folder` (a year folder of the inputs)."""
    photos = folder / PHOTO_FOLDER
    photos.mkdir(parents=True, exist_ok=True)
    images = {key: f'![{alt}]({PHOTO_FOLDER}/{name} "{caption}")' for key, (name, alt, caption) in PHOTOS.items()}
    text = TEXT.format(rok=year, poprzedni=year - 1, nastepny=year + 1, **images)
    (folder / "komentarz.md").write_text(text, encoding="utf-8")
    for name, draw in (("turniej.jpg", _pitch), ("na-ratunek.jpg", _first_aid), ("rajd.jpg", _route)):
        image = Image.new("RGB", SIZE, "#e8eef6")
        draw(ImageDraw.Draw(image))
        ImageDraw.Draw(image).text((40, SIZE[1] - 80), "ILUSTRACJA – DANE PRZYKŁADOWE", fill="#333333", font=FONT)
        (photos / name).write_bytes(_jpeg_with_gps(image))


def _jpeg_with_gps(image: Image.Image) -> bytes:
    """The photo as a phone would save it: camera data and where it was taken, in EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Przykladowy Telefon"
    exif[ExifTags.Base.Model] = "Model 1"
    exif[ExifTags.Base.Orientation] = 1
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (51.0, 22.0, 30.0), 3: "E", 4: (20.0, 16.0, 45.0)}
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def _pitch(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((150, 120, 1450, 820), fill="#3f8f4f", outline="white", width=8)
    draw.line((800, 120, 800, 820), fill="white", width=6)
    draw.ellipse((700, 370, 900, 570), outline="white", width=6)
    for x in (150, 1390):
        draw.rectangle((x, 380, x + 60, 560), outline="white", width=6)
    draw.ellipse((780, 450, 820, 490), fill="white")


def _first_aid(draw: ImageDraw.ImageDraw) -> None:
    """The first-aid sign (ISO 7010 E003): a white cross on green. A red cross on white is the
    Red Cross emblem, which the law protects and a police document must not show."""
    draw.rectangle((500, 150, 1100, 750), fill="#008a3e")
    draw.rectangle((720, 220, 880, 680), fill="white")
    draw.rectangle((570, 370, 1030, 530), fill="white")


def _route(draw: ImageDraw.ImageDraw) -> None:
    """Fields, a country road winding to the finish flag, and a bicycle on it."""
    draw.rectangle((0, 0, SIZE[0], 820), fill="#d9c97a")
    for y in range(60, 820, 120):
        draw.line((0, y, SIZE[0], y + 40), fill="#b9a95a", width=6)
    road = [(0, 780), (360, 700), (560, 520), (900, 470), (1150, 300), (1420, 240)]
    draw.line(road, fill="#8c8c8c", width=70, joint="curve")
    draw.line(road, fill="#f2f2f2", width=6, joint="curve")
    draw.line((1420, 240, 1420, 60), fill="#333333", width=8)
    draw.polygon([(1420, 60), (1540, 100), (1420, 140)], fill="#1f3b73")
    rear, bracket, seat, head, front = (620, 410), (700, 410), (680, 315), (790, 315), (820, 410)
    for x, y in (rear, front):  # the bicycle on the road: wheels, frame, saddle, handlebars
        draw.ellipse((x - 80, y - 80, x + 80, y + 80), outline="#1f3b73", width=12)
    draw.line([rear, bracket, head, seat, rear], fill="#b3261e", width=12)
    draw.line([bracket, seat], fill="#b3261e", width=12)
    draw.line([head, front], fill="#b3261e", width=12)
    draw.line([(675, 300), (670, 280)], fill="#333333", width=8)
    draw.line([(645, 280), (700, 280)], fill="#333333", width=14)
    draw.line([head, (780, 270), (812, 264)], fill="#333333", width=10)
