#ifndef FIRMLINK_CHARFBUZZ_SHIM_H
#define FIRMLINK_CHARFBUZZ_SHIM_H
#include <stddef.h>
#include <hb.h>
#include <hb-subset.h>

/* The tables a PDF viewer never reads from an embedded TrueType font: layout (glyphs are placed
 * one by one on a printout) and device-specific metrics. */
static const char *const firmlink_dropped_tables[] = {
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "kerx",
    "hdmx", "VDMX", "LTSH", "gasp", "DSIG", "FFTM",
};

/* A TrueType font holding only the glyphs of `codepoints` (and .notdef), without hinting or
 * layout tables; NULL when HarfBuzz cannot subset the face. The caller destroys the blob. */
static inline hb_blob_t *
firmlink_subset (hb_face_t *face, const hb_codepoint_t *codepoints, unsigned int count)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail ();
    if (!input)
        return NULL;

    hb_set_t *unicodes = hb_subset_input_unicode_set (input);
    for (unsigned int i = 0; i < count; i++)
        hb_set_add (unicodes, codepoints[i]);

    hb_set_t *dropped = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (unsigned int i = 0; i < sizeof firmlink_dropped_tables / sizeof *firmlink_dropped_tables; i++)
        hb_set_add (dropped, hb_tag_from_string (firmlink_dropped_tables[i], 4));

    hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING);

    hb_face_t *subset = hb_subset_or_fail (face, input);
    hb_subset_input_destroy (input);
    if (!subset)
        return NULL;

    hb_blob_t *blob = hb_face_reference_blob (subset);
    hb_face_destroy (subset);
    if (hb_blob_get_length (blob) == 0) {
        hb_blob_destroy (blob);
        return NULL;
    }
    return blob;
}

#endif
