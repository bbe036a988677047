#!/usr/bin/python3
"""Builds TsudoiFallbackJP-Regular.otf: the characters Noto Sans CJK JP draws and BIZ UD does not.

BIZ UD (Morisawa) covers JIS X 0213 (11,741 characters) but not every variant kanji of Japanese
names: 𠮷 (U+20BB7) and the other ideographs of the supplementary planes, the CJK compatibility
ideographs it lacks, CJK extension A and some symbols. This subset of Noto Sans CJK JP Regular
adds exactly those. Left out to keep the binary small (about 4.4 MB more): the unified
ideographs of the basic block that are not Japanese (simplified Chinese forms) and Hangul; a
document with such a character is refused with a message naming it, never printed with a box.

The family is renamed "Tsudoi Fallback JP" (a Modified Version under the OFL; Noto's licence
reserves no font name) so that it never mixes with a Noto installed on the computer.

Run on Debian with fonts-noto-cjk, fonts-morisawa-bizud-gothic and python3-fonttools:
    /usr/bin/python3 assets/fonts/make-fallback.py
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BIZ = os.path.join(HERE, "BIZUDPGothic-Regular.ttf")
OUT = os.path.join(HERE, "TsudoiFallbackJP-Regular.otf")
FAMILY = "Tsudoi Fallback JP"
POSTSCRIPT = "TsudoiFallbackJP-Regular"


def left_out(cp):
    hangul = 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xA960 <= cp <= 0xA97F or 0xD7B0 <= cp <= 0xD7FF
    basic_unified = 0x4E00 <= cp <= 0x9FFF
    return hangul or basic_unified


def main():
    collection = TTCollection(NOTO)
    index = next(i for i, f in enumerate(collection.fonts) if f["name"].getDebugName(1) == "Noto Sans CJK JP")
    noto = set(collection.fonts[index].getBestCmap())
    biz = set(TTFont(BIZ).getBestCmap())
    wanted = sorted(cp for cp in noto - biz if not left_out(cp))

    options = subset.Options()
    options.font_number = index
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14, 16, 17]
    font = subset.load_font(NOTO, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)

    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 3:
            record.string = POSTSCRIPT + ";subset of Noto Sans CJK JP 2.004"
        elif record.nameID == 4:
            record.string = FAMILY + " Regular"
        elif record.nameID == 6:
            record.string = POSTSCRIPT
    cff = font["CFF "].cff
    cff.fontNames = [POSTSCRIPT]
    top = cff.topDictIndex[0]
    top.FullName = FAMILY + " Regular"
    top.FamilyName = FAMILY
    if hasattr(top, "CIDFontName"):
        top.CIDFontName = POSTSCRIPT
    font.save(OUT)
    print(f"{OUT}: {len(wanted)} characters, {os.path.getsize(OUT)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
