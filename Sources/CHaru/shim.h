#ifndef FIRMLINK_CHARU_SHIM_H
#define FIRMLINK_CHARU_SHIM_H
#include <string.h>
#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

/*
 * What libharu 2.3.0 (Debian 12's libhpdf) does not offer through its public API, built from
 * the internal functions its headers declare and its library exports.
 *
 * Why not its "UTF-8" encoding: that encoding spans all 65,536 UCS-2 codes, so each font made
 * with it costs a glyph lookup and a width per code and carries a 128 KB CIDToGIDMap to
 * compress (most of the 36 ms of CPU a printout took), and it writes the encoding's own CMap,
 * made of `begincidrange` blocks, as the font's ToUnicode CMap, where only `bfchar` and
 * `bfrange` belong (poppler: "Invalid 'begincidrange' operator in ToUnicode CMap"). A printout
 * instead numbers just the characters it shows, as 2-byte codes with no zero byte, maps them to
 * CIDs 1...n through an embedded Encoding CMap (where `begincidrange` is right) and carries a
 * ToUnicode CMap of its own.
 */

static inline HPDF_BOOL
firmlink_haru_every_byte (HPDF_Encoder encoder, HPDF_BYTE byte)
{
    (void)encoder;
    (void)byte;
    return HPDF_TRUE;
}

static inline HPDF_STATUS
firmlink_haru_initialised (HPDF_Encoder encoder)
{
    (void)encoder;
    return HPDF_OK;
}

/*
 * Registers `name`, a 2-byte encoding: each code of `cids` (ranges ended by {0xFFFF, 0xFFFF})
 * stands for a CID, each code of `unicodes` (ended by unicode 0xFFFF) for a character of the
 * font; `codespace` spans the codes. Every byte of a text is the lead or trail byte of a code.
 */
static inline HPDF_STATUS
firmlink_haru_register_encoding (HPDF_Doc pdf, const char *name, const HPDF_CidRange_Rec *cids,
                                 const HPDF_UnicodeMap_Rec *unicodes, HPDF_CidRange_Rec codespace)
{
    HPDF_Encoder encoder = HPDF_CMapEncoder_New (pdf->mmgr, (char *)name, firmlink_haru_initialised);
    if (!encoder)
        return HPDF_GetError (pdf);

    HPDF_STATUS status = HPDF_CMapEncoder_InitAttr (encoder);
    if (status == HPDF_OK)
        status = HPDF_CMapEncoder_AddCMap (encoder, cids);
    if (status == HPDF_OK)
        status = HPDF_CMapEncoder_AddCodeSpaceRange (encoder, codespace);
    if (status != HPDF_OK) {
        HPDF_Encoder_Free (encoder);
        return status;
    }
    HPDF_CMapEncoder_SetUnicodeArray (encoder, unicodes);

    HPDF_CMapEncoderAttr attr = (HPDF_CMapEncoderAttr)encoder->attr;
    attr->is_lead_byte_fn = firmlink_haru_every_byte;
    attr->is_trial_byte_fn = firmlink_haru_every_byte;
    strcpy (attr->registry, "Adobe");
    strcpy (attr->ordering, "Identity");
    attr->suppliment = 0;
    attr->uid_offset = -1;
    attr->writing_mode = HPDF_WMODE_HORIZONTAL;
    encoder->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;

    return HPDF_Doc_RegisterEncoder (pdf, encoder);
}

/*
 * Loads an embedded TrueType font from memory (libharu 2.3.0 reads fonts only from files) and
 * gives it the subset tag `tag` (six capital letters). Returns the name to pass to
 * HPDF_GetFont, or NULL with the error recorded in `pdf`.
 */
static inline const char *
firmlink_haru_load_truetype (HPDF_Doc pdf, const HPDF_BYTE *bytes, HPDF_UINT size, const char *tag)
{
    HPDF_Stream stream = HPDF_MemStream_New (pdf->mmgr, size);
    if (!stream)
        return NULL;
    if (HPDF_Stream_Write (stream, bytes, size) != HPDF_OK) {
        HPDF_Stream_Free (stream);
        return NULL;
    }
    /* Takes the stream, and frees it on failure. */
    HPDF_FontDef definition = HPDF_TTFontDef_Load (pdf->mmgr, stream, HPDF_TRUE);
    if (!definition)
        return NULL;
    /* Frees the definition on failure. */
    if (HPDF_Doc_RegisterFontDef (pdf, definition) != HPDF_OK)
        return NULL;
    HPDF_TTFontDef_SetTagName (definition, (char *)tag);
    return definition->base_font;
}

/* Gives `fonts` one ToUnicode CMap stream holding `cmap`, compressed as the fonts are. */
static inline HPDF_STATUS
firmlink_haru_set_to_unicode (HPDF_Doc pdf, HPDF_Font *fonts, HPDF_UINT count, const char *cmap,
                              HPDF_UINT size)
{
    HPDF_Dict stream = HPDF_DictStream_New (pdf->mmgr, pdf->xref);
    if (!stream)
        return HPDF_GetError (pdf);
    if (pdf->compression_mode & HPDF_COMP_METADATA)
        stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

    HPDF_STATUS status = HPDF_Stream_Write (stream->stream, (const HPDF_BYTE *)cmap, size);
    for (HPDF_UINT i = 0; i < count && status == HPDF_OK; i++)
        status = HPDF_Dict_Add (fonts[i], "ToUnicode", stream);
    return status;
}

#endif
