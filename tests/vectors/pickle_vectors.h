/* SPDX-License-Identifier: MIT */
/* Written by tests/vectors/gen_pickle.py (CPython 3.11); do not edit. */
/* clang-format off */
typedef struct pickle_vector {
  const char *name;
  int protocol;
  const unsigned char *data;
  size_t len;
  const unsigned char *dump; /* NUL-terminated */
} pickle_vector_t;

static const unsigned char pv_data_0[] = {
    78, 46,
};
static const unsigned char pv_dump_0[] = {
    78, 0,
};
static const unsigned char pv_data_1[] = {
    78, 46,
};
static const unsigned char pv_dump_1[] = {
    78, 0,
};
static const unsigned char pv_data_2[] = {
    128, 2, 78, 46,
};
static const unsigned char pv_dump_2[] = {
    78, 0,
};
static const unsigned char pv_data_3[] = {
    128, 3, 78, 46,
};
static const unsigned char pv_dump_3[] = {
    78, 0,
};
static const unsigned char pv_data_4[] = {
    128, 4, 78, 46,
};
static const unsigned char pv_dump_4[] = {
    78, 0,
};
static const unsigned char pv_data_5[] = {
    128, 5, 78, 46,
};
static const unsigned char pv_dump_5[] = {
    78, 0,
};
static const unsigned char pv_data_6[] = {
    73, 48, 49, 10, 46,
};
static const unsigned char pv_dump_6[] = {
    84, 0,
};
static const unsigned char pv_data_7[] = {
    73, 48, 49, 10, 46,
};
static const unsigned char pv_dump_7[] = {
    84, 0,
};
static const unsigned char pv_data_8[] = {
    128, 2, 136, 46,
};
static const unsigned char pv_dump_8[] = {
    84, 0,
};
static const unsigned char pv_data_9[] = {
    128, 3, 136, 46,
};
static const unsigned char pv_dump_9[] = {
    84, 0,
};
static const unsigned char pv_data_10[] = {
    128, 4, 136, 46,
};
static const unsigned char pv_dump_10[] = {
    84, 0,
};
static const unsigned char pv_data_11[] = {
    128, 5, 136, 46,
};
static const unsigned char pv_dump_11[] = {
    84, 0,
};
static const unsigned char pv_data_12[] = {
    73, 48, 48, 10, 46,
};
static const unsigned char pv_dump_12[] = {
    70, 0,
};
static const unsigned char pv_data_13[] = {
    73, 48, 48, 10, 46,
};
static const unsigned char pv_dump_13[] = {
    70, 0,
};
static const unsigned char pv_data_14[] = {
    128, 2, 137, 46,
};
static const unsigned char pv_dump_14[] = {
    70, 0,
};
static const unsigned char pv_data_15[] = {
    128, 3, 137, 46,
};
static const unsigned char pv_dump_15[] = {
    70, 0,
};
static const unsigned char pv_data_16[] = {
    128, 4, 137, 46,
};
static const unsigned char pv_dump_16[] = {
    70, 0,
};
static const unsigned char pv_data_17[] = {
    128, 5, 137, 46,
};
static const unsigned char pv_dump_17[] = {
    70, 0,
};
static const unsigned char pv_data_18[] = {
    73, 48, 10, 46,
};
static const unsigned char pv_dump_18[] = {
    105, 48, 0,
};
static const unsigned char pv_data_19[] = {
    75, 0, 46,
};
static const unsigned char pv_dump_19[] = {
    105, 48, 0,
};
static const unsigned char pv_data_20[] = {
    128, 2, 75, 0, 46,
};
static const unsigned char pv_dump_20[] = {
    105, 48, 0,
};
static const unsigned char pv_data_21[] = {
    128, 3, 75, 0, 46,
};
static const unsigned char pv_dump_21[] = {
    105, 48, 0,
};
static const unsigned char pv_data_22[] = {
    128, 4, 75, 0, 46,
};
static const unsigned char pv_dump_22[] = {
    105, 48, 0,
};
static const unsigned char pv_data_23[] = {
    128, 5, 75, 0, 46,
};
static const unsigned char pv_dump_23[] = {
    105, 48, 0,
};
static const unsigned char pv_data_24[] = {
    73, 50, 53, 53, 10, 46,
};
static const unsigned char pv_dump_24[] = {
    105, 50, 53, 53, 0,
};
static const unsigned char pv_data_25[] = {
    75, 255, 46,
};
static const unsigned char pv_dump_25[] = {
    105, 50, 53, 53, 0,
};
static const unsigned char pv_data_26[] = {
    128, 2, 75, 255, 46,
};
static const unsigned char pv_dump_26[] = {
    105, 50, 53, 53, 0,
};
static const unsigned char pv_data_27[] = {
    128, 3, 75, 255, 46,
};
static const unsigned char pv_dump_27[] = {
    105, 50, 53, 53, 0,
};
static const unsigned char pv_data_28[] = {
    128, 4, 75, 255, 46,
};
static const unsigned char pv_dump_28[] = {
    105, 50, 53, 53, 0,
};
static const unsigned char pv_data_29[] = {
    128, 5, 75, 255, 46,
};
static const unsigned char pv_dump_29[] = {
    105, 50, 53, 53, 0,
};
static const unsigned char pv_data_30[] = {
    73, 50, 53, 54, 10, 46,
};
static const unsigned char pv_dump_30[] = {
    105, 50, 53, 54, 0,
};
static const unsigned char pv_data_31[] = {
    77, 0, 1, 46,
};
static const unsigned char pv_dump_31[] = {
    105, 50, 53, 54, 0,
};
static const unsigned char pv_data_32[] = {
    128, 2, 77, 0, 1, 46,
};
static const unsigned char pv_dump_32[] = {
    105, 50, 53, 54, 0,
};
static const unsigned char pv_data_33[] = {
    128, 3, 77, 0, 1, 46,
};
static const unsigned char pv_dump_33[] = {
    105, 50, 53, 54, 0,
};
static const unsigned char pv_data_34[] = {
    128, 4, 149, 4, 0, 0, 0, 0, 0, 0, 0, 77, 0, 1, 46,
};
static const unsigned char pv_dump_34[] = {
    105, 50, 53, 54, 0,
};
static const unsigned char pv_data_35[] = {
    128, 5, 149, 4, 0, 0, 0, 0, 0, 0, 0, 77, 0, 1, 46,
};
static const unsigned char pv_dump_35[] = {
    105, 50, 53, 54, 0,
};
static const unsigned char pv_data_36[] = {
    73, 54, 53, 53, 51, 53, 10, 46,
};
static const unsigned char pv_dump_36[] = {
    105, 54, 53, 53, 51, 53, 0,
};
static const unsigned char pv_data_37[] = {
    77, 255, 255, 46,
};
static const unsigned char pv_dump_37[] = {
    105, 54, 53, 53, 51, 53, 0,
};
static const unsigned char pv_data_38[] = {
    128, 2, 77, 255, 255, 46,
};
static const unsigned char pv_dump_38[] = {
    105, 54, 53, 53, 51, 53, 0,
};
static const unsigned char pv_data_39[] = {
    128, 3, 77, 255, 255, 46,
};
static const unsigned char pv_dump_39[] = {
    105, 54, 53, 53, 51, 53, 0,
};
static const unsigned char pv_data_40[] = {
    128, 4, 149, 4, 0, 0, 0, 0, 0, 0, 0, 77, 255, 255, 46,
};
static const unsigned char pv_dump_40[] = {
    105, 54, 53, 53, 51, 53, 0,
};
static const unsigned char pv_data_41[] = {
    128, 5, 149, 4, 0, 0, 0, 0, 0, 0, 0, 77, 255, 255, 46,
};
static const unsigned char pv_dump_41[] = {
    105, 54, 53, 53, 51, 53, 0,
};
static const unsigned char pv_data_42[] = {
    73, 54, 53, 53, 51, 54, 10, 46,
};
static const unsigned char pv_dump_42[] = {
    105, 54, 53, 53, 51, 54, 0,
};
static const unsigned char pv_data_43[] = {
    74, 0, 0, 1, 0, 46,
};
static const unsigned char pv_dump_43[] = {
    105, 54, 53, 53, 51, 54, 0,
};
static const unsigned char pv_data_44[] = {
    128, 2, 74, 0, 0, 1, 0, 46,
};
static const unsigned char pv_dump_44[] = {
    105, 54, 53, 53, 51, 54, 0,
};
static const unsigned char pv_data_45[] = {
    128, 3, 74, 0, 0, 1, 0, 46,
};
static const unsigned char pv_dump_45[] = {
    105, 54, 53, 53, 51, 54, 0,
};
static const unsigned char pv_data_46[] = {
    128, 4, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 0, 0, 1, 0, 46,
};
static const unsigned char pv_dump_46[] = {
    105, 54, 53, 53, 51, 54, 0,
};
static const unsigned char pv_data_47[] = {
    128, 5, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 0, 0, 1, 0, 46,
};
static const unsigned char pv_dump_47[] = {
    105, 54, 53, 53, 51, 54, 0,
};
static const unsigned char pv_data_48[] = {
    73, 45, 49, 10, 46,
};
static const unsigned char pv_dump_48[] = {
    105, 45, 49, 0,
};
static const unsigned char pv_data_49[] = {
    74, 255, 255, 255, 255, 46,
};
static const unsigned char pv_dump_49[] = {
    105, 45, 49, 0,
};
static const unsigned char pv_data_50[] = {
    128, 2, 74, 255, 255, 255, 255, 46,
};
static const unsigned char pv_dump_50[] = {
    105, 45, 49, 0,
};
static const unsigned char pv_data_51[] = {
    128, 3, 74, 255, 255, 255, 255, 46,
};
static const unsigned char pv_dump_51[] = {
    105, 45, 49, 0,
};
static const unsigned char pv_data_52[] = {
    128, 4, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 255, 255, 255, 255, 46,
};
static const unsigned char pv_dump_52[] = {
    105, 45, 49, 0,
};
static const unsigned char pv_data_53[] = {
    128, 5, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 255, 255, 255, 255, 46,
};
static const unsigned char pv_dump_53[] = {
    105, 45, 49, 0,
};
static const unsigned char pv_data_54[] = {
    73, 50, 49, 52, 55, 52, 56, 51, 54, 52, 55, 10, 46,
};
static const unsigned char pv_dump_54[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 55, 0,
};
static const unsigned char pv_data_55[] = {
    74, 255, 255, 255, 127, 46,
};
static const unsigned char pv_dump_55[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 55, 0,
};
static const unsigned char pv_data_56[] = {
    128, 2, 74, 255, 255, 255, 127, 46,
};
static const unsigned char pv_dump_56[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 55, 0,
};
static const unsigned char pv_data_57[] = {
    128, 3, 74, 255, 255, 255, 127, 46,
};
static const unsigned char pv_dump_57[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 55, 0,
};
static const unsigned char pv_data_58[] = {
    128, 4, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 255, 255, 255, 127, 46,
};
static const unsigned char pv_dump_58[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 55, 0,
};
static const unsigned char pv_data_59[] = {
    128, 5, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 255, 255, 255, 127, 46,
};
static const unsigned char pv_dump_59[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 55, 0,
};
static const unsigned char pv_data_60[] = {
    73, 45, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 10, 46,
};
static const unsigned char pv_dump_60[] = {
    105, 45, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_61[] = {
    74, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_61[] = {
    105, 45, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_62[] = {
    128, 2, 74, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_62[] = {
    105, 45, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_63[] = {
    128, 3, 74, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_63[] = {
    105, 45, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_64[] = {
    128, 4, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_64[] = {
    105, 45, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_65[] = {
    128, 5, 149, 6, 0, 0, 0, 0, 0, 0, 0, 74, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_65[] = {
    105, 45, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_66[] = {
    76, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 76, 10, 46,
};
static const unsigned char pv_dump_66[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_67[] = {
    76, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 76, 10, 46,
};
static const unsigned char pv_dump_67[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_68[] = {
    128, 2, 138, 5, 0, 0, 0, 128, 0, 46,
};
static const unsigned char pv_dump_68[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_69[] = {
    128, 3, 138, 5, 0, 0, 0, 128, 0, 46,
};
static const unsigned char pv_dump_69[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_70[] = {
    128, 4, 149, 8, 0, 0, 0, 0, 0, 0, 0, 138, 5, 0, 0, 0, 128, 0, 46,
};
static const unsigned char pv_dump_70[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_71[] = {
    128, 5, 149, 8, 0, 0, 0, 0, 0, 0, 0, 138, 5, 0, 0, 0, 128, 0, 46,
};
static const unsigned char pv_dump_71[] = {
    105, 50, 49, 52, 55, 52, 56, 51, 54, 52, 56, 0,
};
static const unsigned char pv_data_72[] = {
    76, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56, 48,
    55, 76, 10, 46,
};
static const unsigned char pv_dump_72[] = {
    105, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 55, 0,
};
static const unsigned char pv_data_73[] = {
    76, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56, 48,
    55, 76, 10, 46,
};
static const unsigned char pv_dump_73[] = {
    105, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 55, 0,
};
static const unsigned char pv_data_74[] = {
    128, 2, 138, 8, 255, 255, 255, 255, 255, 255, 255, 127, 46,
};
static const unsigned char pv_dump_74[] = {
    105, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 55, 0,
};
static const unsigned char pv_data_75[] = {
    128, 3, 138, 8, 255, 255, 255, 255, 255, 255, 255, 127, 46,
};
static const unsigned char pv_dump_75[] = {
    105, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 55, 0,
};
static const unsigned char pv_data_76[] = {
    128, 4, 149, 11, 0, 0, 0, 0, 0, 0, 0, 138, 8, 255, 255, 255, 255, 255, 255,
    255, 127, 46,
};
static const unsigned char pv_dump_76[] = {
    105, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 55, 0,
};
static const unsigned char pv_data_77[] = {
    128, 5, 149, 11, 0, 0, 0, 0, 0, 0, 0, 138, 8, 255, 255, 255, 255, 255, 255,
    255, 127, 46,
};
static const unsigned char pv_dump_77[] = {
    105, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 55, 0,
};
static const unsigned char pv_data_78[] = {
    76, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 56, 76, 10, 46,
};
static const unsigned char pv_dump_78[] = {
    105, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53,
    56, 48, 56, 0,
};
static const unsigned char pv_data_79[] = {
    76, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 56, 76, 10, 46,
};
static const unsigned char pv_dump_79[] = {
    105, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53,
    56, 48, 56, 0,
};
static const unsigned char pv_data_80[] = {
    128, 2, 138, 8, 0, 0, 0, 0, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_80[] = {
    105, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53,
    56, 48, 56, 0,
};
static const unsigned char pv_data_81[] = {
    128, 3, 138, 8, 0, 0, 0, 0, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_81[] = {
    105, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53,
    56, 48, 56, 0,
};
static const unsigned char pv_data_82[] = {
    128, 4, 149, 11, 0, 0, 0, 0, 0, 0, 0, 138, 8, 0, 0, 0, 0, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_82[] = {
    105, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53,
    56, 48, 56, 0,
};
static const unsigned char pv_data_83[] = {
    128, 5, 149, 11, 0, 0, 0, 0, 0, 0, 0, 138, 8, 0, 0, 0, 0, 0, 0, 0, 128, 46,
};
static const unsigned char pv_dump_83[] = {
    105, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53,
    56, 48, 56, 0,
};
static const unsigned char pv_data_84[] = {
    76, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56, 48,
    56, 76, 10, 46,
};
static const unsigned char pv_dump_84[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 56, 48, 48, 48,
    0,
};
static const unsigned char pv_data_85[] = {
    76, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56, 48,
    56, 76, 10, 46,
};
static const unsigned char pv_dump_85[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 56, 48, 48, 48,
    0,
};
static const unsigned char pv_data_86[] = {
    128, 2, 138, 9, 0, 0, 0, 0, 0, 0, 0, 128, 0, 46,
};
static const unsigned char pv_dump_86[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 56, 48, 48, 48,
    0,
};
static const unsigned char pv_data_87[] = {
    128, 3, 138, 9, 0, 0, 0, 0, 0, 0, 0, 128, 0, 46,
};
static const unsigned char pv_dump_87[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 56, 48, 48, 48,
    0,
};
static const unsigned char pv_data_88[] = {
    128, 4, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 0, 0, 0, 0, 0, 0, 0, 128, 0,
    46,
};
static const unsigned char pv_dump_88[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 56, 48, 48, 48,
    0,
};
static const unsigned char pv_data_89[] = {
    128, 5, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 0, 0, 0, 0, 0, 0, 0, 128, 0,
    46,
};
static const unsigned char pv_dump_89[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 56, 48, 48, 48,
    0,
};
static const unsigned char pv_data_90[] = {
    76, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 57, 76, 10, 46,
};
static const unsigned char pv_dump_90[] = {
    73, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102,
    55, 102, 102, 102, 0,
};
static const unsigned char pv_data_91[] = {
    76, 45, 57, 50, 50, 51, 51, 55, 50, 48, 51, 54, 56, 53, 52, 55, 55, 53, 56,
    48, 57, 76, 10, 46,
};
static const unsigned char pv_dump_91[] = {
    73, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102,
    55, 102, 102, 102, 0,
};
static const unsigned char pv_data_92[] = {
    128, 2, 138, 9, 255, 255, 255, 255, 255, 255, 255, 127, 255, 46,
};
static const unsigned char pv_dump_92[] = {
    73, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102,
    55, 102, 102, 102, 0,
};
static const unsigned char pv_data_93[] = {
    128, 3, 138, 9, 255, 255, 255, 255, 255, 255, 255, 127, 255, 46,
};
static const unsigned char pv_dump_93[] = {
    73, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102,
    55, 102, 102, 102, 0,
};
static const unsigned char pv_data_94[] = {
    128, 4, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 255, 255, 255, 255, 255, 255,
    255, 127, 255, 46,
};
static const unsigned char pv_dump_94[] = {
    73, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102,
    55, 102, 102, 102, 0,
};
static const unsigned char pv_data_95[] = {
    128, 5, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 255, 255, 255, 255, 255, 255,
    255, 127, 255, 46,
};
static const unsigned char pv_dump_95[] = {
    73, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102, 102,
    55, 102, 102, 102, 0,
};
static const unsigned char pv_data_96[] = {
    76, 49, 49, 56, 48, 53, 57, 49, 54, 50, 48, 55, 49, 55, 52, 49, 49, 51, 48,
    51, 52, 50, 52, 76, 10, 46,
};
static const unsigned char pv_dump_96[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 52, 48,
    0,
};
static const unsigned char pv_data_97[] = {
    76, 49, 49, 56, 48, 53, 57, 49, 54, 50, 48, 55, 49, 55, 52, 49, 49, 51, 48,
    51, 52, 50, 52, 76, 10, 46,
};
static const unsigned char pv_dump_97[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 52, 48,
    0,
};
static const unsigned char pv_data_98[] = {
    128, 2, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 64, 46,
};
static const unsigned char pv_dump_98[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 52, 48,
    0,
};
static const unsigned char pv_data_99[] = {
    128, 3, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 64, 46,
};
static const unsigned char pv_dump_99[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 52, 48,
    0,
};
static const unsigned char pv_data_100[] = {
    128, 4, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 64,
    46,
};
static const unsigned char pv_dump_100[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 52, 48,
    0,
};
static const unsigned char pv_data_101[] = {
    128, 5, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 64,
    46,
};
static const unsigned char pv_dump_101[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 52, 48,
    0,
};
static const unsigned char pv_data_102[] = {
    76, 45, 49, 54, 48, 54, 57, 51, 56, 48, 52, 52, 50, 53, 56, 57, 57, 48, 50,
    55, 53, 53, 52, 49, 57, 54, 50, 48, 57, 50, 51, 52, 49, 49, 54, 50, 54, 48,
    50, 53, 50, 50, 50, 48, 50, 57, 57, 51, 55, 56, 50, 55, 57, 50, 56, 51, 53,
    51, 48, 49, 51, 55, 54, 76, 10, 46,
};
static const unsigned char pv_dump_102[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 102, 102, 0,
};
static const unsigned char pv_data_103[] = {
    76, 45, 49, 54, 48, 54, 57, 51, 56, 48, 52, 52, 50, 53, 56, 57, 57, 48, 50,
    55, 53, 53, 52, 49, 57, 54, 50, 48, 57, 50, 51, 52, 49, 49, 54, 50, 54, 48,
    50, 53, 50, 50, 50, 48, 50, 57, 57, 51, 55, 56, 50, 55, 57, 50, 56, 51, 53,
    51, 48, 49, 51, 55, 54, 76, 10, 46,
};
static const unsigned char pv_dump_103[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 102, 102, 0,
};
static const unsigned char pv_data_104[] = {
    128, 2, 138, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 255, 46,
};
static const unsigned char pv_dump_104[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 102, 102, 0,
};
static const unsigned char pv_data_105[] = {
    128, 3, 138, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 255, 46,
};
static const unsigned char pv_dump_105[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 102, 102, 0,
};
static const unsigned char pv_data_106[] = {
    128, 4, 149, 29, 0, 0, 0, 0, 0, 0, 0, 138, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 46,
};
static const unsigned char pv_dump_106[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 102, 102, 0,
};
static const unsigned char pv_data_107[] = {
    128, 5, 149, 29, 0, 0, 0, 0, 0, 0, 0, 138, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 46,
};
static const unsigned char pv_dump_107[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 102, 102, 0,
};
static const unsigned char pv_data_108[] = {
    76, 49, 56, 52, 52, 54, 55, 52, 52, 48, 55, 51, 55, 48, 57, 53, 53, 49, 54,
    49, 54, 76, 10, 46,
};
static const unsigned char pv_dump_108[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49,
    0,
};
static const unsigned char pv_data_109[] = {
    76, 49, 56, 52, 52, 54, 55, 52, 52, 48, 55, 51, 55, 48, 57, 53, 53, 49, 54,
    49, 54, 76, 10, 46,
};
static const unsigned char pv_dump_109[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49,
    0,
};
static const unsigned char pv_data_110[] = {
    128, 2, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 46,
};
static const unsigned char pv_dump_110[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49,
    0,
};
static const unsigned char pv_data_111[] = {
    128, 3, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1, 46,
};
static const unsigned char pv_dump_111[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49,
    0,
};
static const unsigned char pv_data_112[] = {
    128, 4, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    46,
};
static const unsigned char pv_dump_112[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49,
    0,
};
static const unsigned char pv_data_113[] = {
    128, 5, 149, 12, 0, 0, 0, 0, 0, 0, 0, 138, 9, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    46,
};
static const unsigned char pv_dump_113[] = {
    73, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49,
    0,
};
static const unsigned char pv_data_114[] = {
    70, 48, 46, 48, 10, 46,
};
static const unsigned char pv_dump_114[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_115[] = {
    71, 0, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_115[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_116[] = {
    128, 2, 71, 0, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_116[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_117[] = {
    128, 3, 71, 0, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_117[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_118[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 0, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_118[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_119[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 0, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_119[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_120[] = {
    70, 45, 48, 46, 48, 10, 46,
};
static const unsigned char pv_dump_120[] = {
    102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_121[] = {
    71, 128, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_121[] = {
    102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_122[] = {
    128, 2, 71, 128, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_122[] = {
    102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_123[] = {
    128, 3, 71, 128, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_123[] = {
    102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_124[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 128, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_124[] = {
    102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_125[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 128, 0, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_125[] = {
    102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_126[] = {
    70, 49, 46, 53, 10, 46,
};
static const unsigned char pv_dump_126[] = {
    102, 51, 102, 102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_127[] = {
    71, 63, 248, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_127[] = {
    102, 51, 102, 102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_128[] = {
    128, 2, 71, 63, 248, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_128[] = {
    102, 51, 102, 102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_129[] = {
    128, 3, 71, 63, 248, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_129[] = {
    102, 51, 102, 102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_130[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 63, 248, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_130[] = {
    102, 51, 102, 102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_131[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 63, 248, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_131[] = {
    102, 51, 102, 102, 56, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_132[] = {
    70, 49, 101, 43, 51, 48, 48, 10, 46,
};
static const unsigned char pv_dump_132[] = {
    102, 55, 101, 51, 55, 101, 52, 51, 99, 56, 56, 48, 48, 55, 53, 57, 99, 0,
};
static const unsigned char pv_data_133[] = {
    71, 126, 55, 228, 60, 136, 0, 117, 156, 46,
};
static const unsigned char pv_dump_133[] = {
    102, 55, 101, 51, 55, 101, 52, 51, 99, 56, 56, 48, 48, 55, 53, 57, 99, 0,
};
static const unsigned char pv_data_134[] = {
    128, 2, 71, 126, 55, 228, 60, 136, 0, 117, 156, 46,
};
static const unsigned char pv_dump_134[] = {
    102, 55, 101, 51, 55, 101, 52, 51, 99, 56, 56, 48, 48, 55, 53, 57, 99, 0,
};
static const unsigned char pv_data_135[] = {
    128, 3, 71, 126, 55, 228, 60, 136, 0, 117, 156, 46,
};
static const unsigned char pv_dump_135[] = {
    102, 55, 101, 51, 55, 101, 52, 51, 99, 56, 56, 48, 48, 55, 53, 57, 99, 0,
};
static const unsigned char pv_data_136[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 126, 55, 228, 60, 136, 0, 117,
    156, 46,
};
static const unsigned char pv_dump_136[] = {
    102, 55, 101, 51, 55, 101, 52, 51, 99, 56, 56, 48, 48, 55, 53, 57, 99, 0,
};
static const unsigned char pv_data_137[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 126, 55, 228, 60, 136, 0, 117,
    156, 46,
};
static const unsigned char pv_dump_137[] = {
    102, 55, 101, 51, 55, 101, 52, 51, 99, 56, 56, 48, 48, 55, 53, 57, 99, 0,
};
static const unsigned char pv_data_138[] = {
    70, 53, 101, 45, 51, 50, 52, 10, 46,
};
static const unsigned char pv_dump_138[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49, 0,
};
static const unsigned char pv_data_139[] = {
    71, 0, 0, 0, 0, 0, 0, 0, 1, 46,
};
static const unsigned char pv_dump_139[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49, 0,
};
static const unsigned char pv_data_140[] = {
    128, 2, 71, 0, 0, 0, 0, 0, 0, 0, 1, 46,
};
static const unsigned char pv_dump_140[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49, 0,
};
static const unsigned char pv_data_141[] = {
    128, 3, 71, 0, 0, 0, 0, 0, 0, 0, 1, 46,
};
static const unsigned char pv_dump_141[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49, 0,
};
static const unsigned char pv_data_142[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 0, 0, 0, 0, 0, 0, 0, 1, 46,
};
static const unsigned char pv_dump_142[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49, 0,
};
static const unsigned char pv_data_143[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 0, 0, 0, 0, 0, 0, 0, 1, 46,
};
static const unsigned char pv_dump_143[] = {
    102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 49, 0,
};
static const unsigned char pv_data_144[] = {
    70, 105, 110, 102, 10, 46,
};
static const unsigned char pv_dump_144[] = {
    102, 55, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_145[] = {
    71, 127, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_145[] = {
    102, 55, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_146[] = {
    128, 2, 71, 127, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_146[] = {
    102, 55, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_147[] = {
    128, 3, 71, 127, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_147[] = {
    102, 55, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_148[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 127, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_148[] = {
    102, 55, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_149[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 127, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_149[] = {
    102, 55, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_150[] = {
    70, 45, 105, 110, 102, 10, 46,
};
static const unsigned char pv_dump_150[] = {
    102, 102, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_151[] = {
    71, 255, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_151[] = {
    102, 102, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_152[] = {
    128, 2, 71, 255, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_152[] = {
    102, 102, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_153[] = {
    128, 3, 71, 255, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_153[] = {
    102, 102, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_154[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 255, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_154[] = {
    102, 102, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_155[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 255, 240, 0, 0, 0, 0, 0, 0, 46,
};
static const unsigned char pv_dump_155[] = {
    102, 102, 102, 102, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 0,
};
static const unsigned char pv_data_156[] = {
    70, 48, 46, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51, 51,
    10, 46,
};
static const unsigned char pv_dump_156[] = {
    102, 51, 102, 100, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 0,
};
static const unsigned char pv_data_157[] = {
    71, 63, 213, 85, 85, 85, 85, 85, 85, 46,
};
static const unsigned char pv_dump_157[] = {
    102, 51, 102, 100, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 0,
};
static const unsigned char pv_data_158[] = {
    128, 2, 71, 63, 213, 85, 85, 85, 85, 85, 85, 46,
};
static const unsigned char pv_dump_158[] = {
    102, 51, 102, 100, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 0,
};
static const unsigned char pv_data_159[] = {
    128, 3, 71, 63, 213, 85, 85, 85, 85, 85, 85, 46,
};
static const unsigned char pv_dump_159[] = {
    102, 51, 102, 100, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 0,
};
static const unsigned char pv_data_160[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 63, 213, 85, 85, 85, 85, 85, 85,
    46,
};
static const unsigned char pv_dump_160[] = {
    102, 51, 102, 100, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 0,
};
static const unsigned char pv_data_161[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 71, 63, 213, 85, 85, 85, 85, 85, 85,
    46,
};
static const unsigned char pv_dump_161[] = {
    102, 51, 102, 100, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 53, 0,
};
static const unsigned char pv_data_162[] = {
    86, 10, 112, 48, 10, 46,
};
static const unsigned char pv_dump_162[] = {
    115, 0,
};
static const unsigned char pv_data_163[] = {
    88, 0, 0, 0, 0, 113, 0, 46,
};
static const unsigned char pv_dump_163[] = {
    115, 0,
};
static const unsigned char pv_data_164[] = {
    128, 2, 88, 0, 0, 0, 0, 113, 0, 46,
};
static const unsigned char pv_dump_164[] = {
    115, 0,
};
static const unsigned char pv_data_165[] = {
    128, 3, 88, 0, 0, 0, 0, 113, 0, 46,
};
static const unsigned char pv_dump_165[] = {
    115, 0,
};
static const unsigned char pv_data_166[] = {
    128, 4, 149, 4, 0, 0, 0, 0, 0, 0, 0, 140, 0, 148, 46,
};
static const unsigned char pv_dump_166[] = {
    115, 0,
};
static const unsigned char pv_data_167[] = {
    128, 5, 149, 4, 0, 0, 0, 0, 0, 0, 0, 140, 0, 148, 46,
};
static const unsigned char pv_dump_167[] = {
    115, 0,
};
static const unsigned char pv_data_168[] = {
    86, 97, 98, 99, 10, 112, 48, 10, 46,
};
static const unsigned char pv_dump_168[] = {
    115, 54, 49, 54, 50, 54, 51, 0,
};
static const unsigned char pv_data_169[] = {
    88, 3, 0, 0, 0, 97, 98, 99, 113, 0, 46,
};
static const unsigned char pv_dump_169[] = {
    115, 54, 49, 54, 50, 54, 51, 0,
};
static const unsigned char pv_data_170[] = {
    128, 2, 88, 3, 0, 0, 0, 97, 98, 99, 113, 0, 46,
};
static const unsigned char pv_dump_170[] = {
    115, 54, 49, 54, 50, 54, 51, 0,
};
static const unsigned char pv_data_171[] = {
    128, 3, 88, 3, 0, 0, 0, 97, 98, 99, 113, 0, 46,
};
static const unsigned char pv_dump_171[] = {
    115, 54, 49, 54, 50, 54, 51, 0,
};
static const unsigned char pv_data_172[] = {
    128, 4, 149, 7, 0, 0, 0, 0, 0, 0, 0, 140, 3, 97, 98, 99, 148, 46,
};
static const unsigned char pv_dump_172[] = {
    115, 54, 49, 54, 50, 54, 51, 0,
};
static const unsigned char pv_data_173[] = {
    128, 5, 149, 7, 0, 0, 0, 0, 0, 0, 0, 140, 3, 97, 98, 99, 148, 46,
};
static const unsigned char pv_dump_173[] = {
    115, 54, 49, 54, 50, 54, 51, 0,
};
static const unsigned char pv_data_174[] = {
    86, 233, 92, 117, 50, 48, 97, 99, 92, 85, 48, 48, 48, 49, 102, 54, 48, 48,
    10, 112, 48, 10, 46,
};
static const unsigned char pv_dump_174[] = {
    115, 99, 51, 97, 57, 101, 50, 56, 50, 97, 99, 102, 48, 57, 102, 57, 56, 56,
    48, 0,
};
static const unsigned char pv_data_175[] = {
    88, 9, 0, 0, 0, 195, 169, 226, 130, 172, 240, 159, 152, 128, 113, 0, 46,
};
static const unsigned char pv_dump_175[] = {
    115, 99, 51, 97, 57, 101, 50, 56, 50, 97, 99, 102, 48, 57, 102, 57, 56, 56,
    48, 0,
};
static const unsigned char pv_data_176[] = {
    128, 2, 88, 9, 0, 0, 0, 195, 169, 226, 130, 172, 240, 159, 152, 128, 113,
    0, 46,
};
static const unsigned char pv_dump_176[] = {
    115, 99, 51, 97, 57, 101, 50, 56, 50, 97, 99, 102, 48, 57, 102, 57, 56, 56,
    48, 0,
};
static const unsigned char pv_data_177[] = {
    128, 3, 88, 9, 0, 0, 0, 195, 169, 226, 130, 172, 240, 159, 152, 128, 113,
    0, 46,
};
static const unsigned char pv_dump_177[] = {
    115, 99, 51, 97, 57, 101, 50, 56, 50, 97, 99, 102, 48, 57, 102, 57, 56, 56,
    48, 0,
};
static const unsigned char pv_data_178[] = {
    128, 4, 149, 13, 0, 0, 0, 0, 0, 0, 0, 140, 9, 195, 169, 226, 130, 172, 240,
    159, 152, 128, 148, 46,
};
static const unsigned char pv_dump_178[] = {
    115, 99, 51, 97, 57, 101, 50, 56, 50, 97, 99, 102, 48, 57, 102, 57, 56, 56,
    48, 0,
};
static const unsigned char pv_data_179[] = {
    128, 5, 149, 13, 0, 0, 0, 0, 0, 0, 0, 140, 9, 195, 169, 226, 130, 172, 240,
    159, 152, 128, 148, 46,
};
static const unsigned char pv_dump_179[] = {
    115, 99, 51, 97, 57, 101, 50, 56, 50, 97, 99, 102, 48, 57, 102, 57, 56, 56,
    48, 0,
};
static const unsigned char pv_data_180[] = {
    86, 97, 92, 117, 48, 48, 53, 99, 98, 92, 117, 48, 48, 48, 97, 92, 117, 48,
    48, 48, 100, 92, 117, 48, 48, 48, 48, 92, 117, 48, 48, 49, 97, 92, 117, 48,
    48, 53, 99, 117, 48, 48, 52, 49, 10, 112, 48, 10, 46,
};
static const unsigned char pv_dump_180[] = {
    115, 54, 49, 53, 99, 54, 50, 48, 97, 48, 100, 48, 48, 49, 97, 53, 99, 55,
    53, 51, 48, 51, 48, 51, 52, 51, 49, 0,
};
static const unsigned char pv_data_181[] = {
    88, 13, 0, 0, 0, 97, 92, 98, 10, 13, 0, 26, 92, 117, 48, 48, 52, 49, 113,
    0, 46,
};
static const unsigned char pv_dump_181[] = {
    115, 54, 49, 53, 99, 54, 50, 48, 97, 48, 100, 48, 48, 49, 97, 53, 99, 55,
    53, 51, 48, 51, 48, 51, 52, 51, 49, 0,
};
static const unsigned char pv_data_182[] = {
    128, 2, 88, 13, 0, 0, 0, 97, 92, 98, 10, 13, 0, 26, 92, 117, 48, 48, 52,
    49, 113, 0, 46,
};
static const unsigned char pv_dump_182[] = {
    115, 54, 49, 53, 99, 54, 50, 48, 97, 48, 100, 48, 48, 49, 97, 53, 99, 55,
    53, 51, 48, 51, 48, 51, 52, 51, 49, 0,
};
static const unsigned char pv_data_183[] = {
    128, 3, 88, 13, 0, 0, 0, 97, 92, 98, 10, 13, 0, 26, 92, 117, 48, 48, 52,
    49, 113, 0, 46,
};
static const unsigned char pv_dump_183[] = {
    115, 54, 49, 53, 99, 54, 50, 48, 97, 48, 100, 48, 48, 49, 97, 53, 99, 55,
    53, 51, 48, 51, 48, 51, 52, 51, 49, 0,
};
static const unsigned char pv_data_184[] = {
    128, 4, 149, 17, 0, 0, 0, 0, 0, 0, 0, 140, 13, 97, 92, 98, 10, 13, 0, 26,
    92, 117, 48, 48, 52, 49, 148, 46,
};
static const unsigned char pv_dump_184[] = {
    115, 54, 49, 53, 99, 54, 50, 48, 97, 48, 100, 48, 48, 49, 97, 53, 99, 55,
    53, 51, 48, 51, 48, 51, 52, 51, 49, 0,
};
static const unsigned char pv_data_185[] = {
    128, 5, 149, 17, 0, 0, 0, 0, 0, 0, 0, 140, 13, 97, 92, 98, 10, 13, 0, 26,
    92, 117, 48, 48, 52, 49, 148, 46,
};
static const unsigned char pv_dump_185[] = {
    115, 54, 49, 53, 99, 54, 50, 48, 97, 48, 100, 48, 48, 49, 97, 53, 99, 55,
    53, 51, 48, 51, 48, 51, 52, 51, 49, 0,
};
static const unsigned char pv_data_186[] = {
    86, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 10, 112, 48, 10, 46,
};
static const unsigned char pv_dump_186[] = {
    115, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 0,
};
static const unsigned char pv_data_187[] = {
    88, 44, 1, 0, 0, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 113, 0, 46,
};
static const unsigned char pv_dump_187[] = {
    115, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 0,
};
static const unsigned char pv_data_188[] = {
    128, 2, 88, 44, 1, 0, 0, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 113, 0, 46,
};
static const unsigned char pv_dump_188[] = {
    115, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 0,
};
static const unsigned char pv_data_189[] = {
    128, 3, 88, 44, 1, 0, 0, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 113, 0, 46,
};
static const unsigned char pv_dump_189[] = {
    115, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 0,
};
static const unsigned char pv_data_190[] = {
    128, 4, 149, 51, 1, 0, 0, 0, 0, 0, 0, 88, 44, 1, 0, 0, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 148, 46,
};
static const unsigned char pv_dump_190[] = {
    115, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 0,
};
static const unsigned char pv_data_191[] = {
    128, 5, 149, 51, 1, 0, 0, 0, 0, 0, 0, 88, 44, 1, 0, 0, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120,
    120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 148, 46,
};
static const unsigned char pv_dump_191[] = {
    115, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56,
    55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55,
    56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 55, 56, 0,
};
static const unsigned char pv_data_192[] = {
    86, 92, 117, 100, 56, 48, 48, 10, 112, 48, 10, 46,
};
static const unsigned char pv_dump_192[] = {
    115, 101, 100, 97, 48, 56, 48, 0,
};
static const unsigned char pv_data_193[] = {
    88, 3, 0, 0, 0, 237, 160, 128, 113, 0, 46,
};
static const unsigned char pv_dump_193[] = {
    115, 101, 100, 97, 48, 56, 48, 0,
};
static const unsigned char pv_data_194[] = {
    128, 2, 88, 3, 0, 0, 0, 237, 160, 128, 113, 0, 46,
};
static const unsigned char pv_dump_194[] = {
    115, 101, 100, 97, 48, 56, 48, 0,
};
static const unsigned char pv_data_195[] = {
    128, 3, 88, 3, 0, 0, 0, 237, 160, 128, 113, 0, 46,
};
static const unsigned char pv_dump_195[] = {
    115, 101, 100, 97, 48, 56, 48, 0,
};
static const unsigned char pv_data_196[] = {
    128, 4, 149, 7, 0, 0, 0, 0, 0, 0, 0, 140, 3, 237, 160, 128, 148, 46,
};
static const unsigned char pv_dump_196[] = {
    115, 101, 100, 97, 48, 56, 48, 0,
};
static const unsigned char pv_data_197[] = {
    128, 5, 149, 7, 0, 0, 0, 0, 0, 0, 0, 140, 3, 237, 160, 128, 148, 46,
};
static const unsigned char pv_dump_197[] = {
    115, 101, 100, 97, 48, 56, 48, 0,
};
static const unsigned char pv_data_198[] = {
    86, 255, 128, 10, 112, 48, 10, 46,
};
static const unsigned char pv_dump_198[] = {
    115, 99, 51, 98, 102, 99, 50, 56, 48, 0,
};
static const unsigned char pv_data_199[] = {
    88, 4, 0, 0, 0, 195, 191, 194, 128, 113, 0, 46,
};
static const unsigned char pv_dump_199[] = {
    115, 99, 51, 98, 102, 99, 50, 56, 48, 0,
};
static const unsigned char pv_data_200[] = {
    128, 2, 88, 4, 0, 0, 0, 195, 191, 194, 128, 113, 0, 46,
};
static const unsigned char pv_dump_200[] = {
    115, 99, 51, 98, 102, 99, 50, 56, 48, 0,
};
static const unsigned char pv_data_201[] = {
    128, 3, 88, 4, 0, 0, 0, 195, 191, 194, 128, 113, 0, 46,
};
static const unsigned char pv_dump_201[] = {
    115, 99, 51, 98, 102, 99, 50, 56, 48, 0,
};
static const unsigned char pv_data_202[] = {
    128, 4, 149, 8, 0, 0, 0, 0, 0, 0, 0, 140, 4, 195, 191, 194, 128, 148, 46,
};
static const unsigned char pv_dump_202[] = {
    115, 99, 51, 98, 102, 99, 50, 56, 48, 0,
};
static const unsigned char pv_data_203[] = {
    128, 5, 149, 8, 0, 0, 0, 0, 0, 0, 0, 140, 4, 195, 191, 194, 128, 148, 46,
};
static const unsigned char pv_dump_203[] = {
    115, 99, 51, 98, 102, 99, 50, 56, 48, 0,
};
static const unsigned char pv_data_204[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121, 116,
    101, 115, 10, 112, 48, 10, 40, 116, 82, 112, 49, 10, 46,
};
static const unsigned char pv_dump_204[] = {
    98, 0,
};
static const unsigned char pv_data_205[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121, 116,
    101, 115, 10, 113, 0, 41, 82, 113, 1, 46,
};
static const unsigned char pv_dump_205[] = {
    98, 0,
};
static const unsigned char pv_data_206[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121,
    116, 101, 115, 10, 113, 0, 41, 82, 113, 1, 46,
};
static const unsigned char pv_dump_206[] = {
    98, 0,
};
static const unsigned char pv_data_207[] = {
    128, 3, 67, 0, 113, 0, 46,
};
static const unsigned char pv_dump_207[] = {
    98, 0,
};
static const unsigned char pv_data_208[] = {
    128, 4, 149, 4, 0, 0, 0, 0, 0, 0, 0, 67, 0, 148, 46,
};
static const unsigned char pv_dump_208[] = {
    98, 0,
};
static const unsigned char pv_data_209[] = {
    128, 5, 149, 4, 0, 0, 0, 0, 0, 0, 0, 67, 0, 148, 46,
};
static const unsigned char pv_dump_209[] = {
    98, 0,
};
static const unsigned char pv_data_210[] = {
    99, 95, 99, 111, 100, 101, 99, 115, 10, 101, 110, 99, 111, 100, 101, 10,
    112, 48, 10, 40, 86, 92, 117, 48, 48, 48, 48, 255, 128, 10, 112, 49, 10,
    86, 108, 97, 116, 105, 110, 49, 10, 112, 50, 10, 116, 112, 51, 10, 82, 112,
    52, 10, 46,
};
static const unsigned char pv_dump_210[] = {
    98, 48, 48, 102, 102, 56, 48, 0,
};
static const unsigned char pv_data_211[] = {
    99, 95, 99, 111, 100, 101, 99, 115, 10, 101, 110, 99, 111, 100, 101, 10,
    113, 0, 40, 88, 5, 0, 0, 0, 0, 195, 191, 194, 128, 113, 1, 88, 6, 0, 0, 0,
    108, 97, 116, 105, 110, 49, 113, 2, 116, 113, 3, 82, 113, 4, 46,
};
static const unsigned char pv_dump_211[] = {
    98, 48, 48, 102, 102, 56, 48, 0,
};
static const unsigned char pv_data_212[] = {
    128, 2, 99, 95, 99, 111, 100, 101, 99, 115, 10, 101, 110, 99, 111, 100,
    101, 10, 113, 0, 88, 5, 0, 0, 0, 0, 195, 191, 194, 128, 113, 1, 88, 6, 0,
    0, 0, 108, 97, 116, 105, 110, 49, 113, 2, 134, 113, 3, 82, 113, 4, 46,
};
static const unsigned char pv_dump_212[] = {
    98, 48, 48, 102, 102, 56, 48, 0,
};
static const unsigned char pv_data_213[] = {
    128, 3, 67, 3, 0, 255, 128, 113, 0, 46,
};
static const unsigned char pv_dump_213[] = {
    98, 48, 48, 102, 102, 56, 48, 0,
};
static const unsigned char pv_data_214[] = {
    128, 4, 149, 7, 0, 0, 0, 0, 0, 0, 0, 67, 3, 0, 255, 128, 148, 46,
};
static const unsigned char pv_dump_214[] = {
    98, 48, 48, 102, 102, 56, 48, 0,
};
static const unsigned char pv_data_215[] = {
    128, 5, 149, 7, 0, 0, 0, 0, 0, 0, 0, 67, 3, 0, 255, 128, 148, 46,
};
static const unsigned char pv_dump_215[] = {
    98, 48, 48, 102, 102, 56, 48, 0,
};
static const unsigned char pv_data_216[] = {
    99, 95, 99, 111, 100, 101, 99, 115, 10, 101, 110, 99, 111, 100, 101, 10,
    112, 48, 10, 40, 86, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 10, 112, 49, 10, 86, 108, 97, 116, 105, 110, 49, 10,
    112, 50, 10, 116, 112, 51, 10, 82, 112, 52, 10, 46,
};
static const unsigned char pv_dump_216[] = {
    98, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 0,
};
static const unsigned char pv_data_217[] = {
    99, 95, 99, 111, 100, 101, 99, 115, 10, 101, 110, 99, 111, 100, 101, 10,
    113, 0, 40, 88, 44, 1, 0, 0, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 113, 1, 88, 6, 0, 0, 0, 108, 97, 116, 105,
    110, 49, 113, 2, 116, 113, 3, 82, 113, 4, 46,
};
static const unsigned char pv_dump_217[] = {
    98, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 0,
};
static const unsigned char pv_data_218[] = {
    128, 2, 99, 95, 99, 111, 100, 101, 99, 115, 10, 101, 110, 99, 111, 100,
    101, 10, 113, 0, 88, 44, 1, 0, 0, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 113, 1, 88, 6, 0, 0, 0, 108, 97, 116,
    105, 110, 49, 113, 2, 134, 113, 3, 82, 113, 4, 46,
};
static const unsigned char pv_dump_218[] = {
    98, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 0,
};
static const unsigned char pv_data_219[] = {
    128, 3, 66, 44, 1, 0, 0, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 113, 0, 46,
};
static const unsigned char pv_dump_219[] = {
    98, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 0,
};
static const unsigned char pv_data_220[] = {
    128, 4, 149, 51, 1, 0, 0, 0, 0, 0, 0, 66, 44, 1, 0, 0, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 148, 46,
};
static const unsigned char pv_dump_220[] = {
    98, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 0,
};
static const unsigned char pv_data_221[] = {
    128, 5, 149, 51, 1, 0, 0, 0, 0, 0, 0, 66, 44, 1, 0, 0, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121,
    121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 121, 148, 46,
};
static const unsigned char pv_dump_221[] = {
    98, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55,
    57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57,
    55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 55, 57, 0,
};
static const unsigned char pv_data_222[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121, 116,
    101, 97, 114, 114, 97, 121, 10, 112, 48, 10, 40, 99, 95, 99, 111, 100, 101,
    99, 115, 10, 101, 110, 99, 111, 100, 101, 10, 112, 49, 10, 40, 86, 97, 98,
    10, 112, 50, 10, 86, 108, 97, 116, 105, 110, 49, 10, 112, 51, 10, 116, 112,
    52, 10, 82, 112, 53, 10, 116, 112, 54, 10, 82, 112, 55, 10, 46,
};
static const unsigned char pv_dump_222[] = {
    121, 54, 49, 54, 50, 0,
};
static const unsigned char pv_data_223[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121, 116,
    101, 97, 114, 114, 97, 121, 10, 113, 0, 40, 99, 95, 99, 111, 100, 101, 99,
    115, 10, 101, 110, 99, 111, 100, 101, 10, 113, 1, 40, 88, 2, 0, 0, 0, 97,
    98, 113, 2, 88, 6, 0, 0, 0, 108, 97, 116, 105, 110, 49, 113, 3, 116, 113,
    4, 82, 113, 5, 116, 113, 6, 82, 113, 7, 46,
};
static const unsigned char pv_dump_223[] = {
    121, 54, 49, 54, 50, 0,
};
static const unsigned char pv_data_224[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121,
    116, 101, 97, 114, 114, 97, 121, 10, 113, 0, 99, 95, 99, 111, 100, 101, 99,
    115, 10, 101, 110, 99, 111, 100, 101, 10, 113, 1, 88, 2, 0, 0, 0, 97, 98,
    113, 2, 88, 6, 0, 0, 0, 108, 97, 116, 105, 110, 49, 113, 3, 134, 113, 4,
    82, 113, 5, 133, 113, 6, 82, 113, 7, 46,
};
static const unsigned char pv_dump_224[] = {
    121, 54, 49, 54, 50, 0,
};
static const unsigned char pv_data_225[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 98, 121, 116, 101,
    97, 114, 114, 97, 121, 10, 113, 0, 67, 2, 97, 98, 113, 1, 133, 113, 2, 82,
    113, 3, 46,
};
static const unsigned char pv_dump_225[] = {
    121, 54, 49, 54, 50, 0,
};
static const unsigned char pv_data_226[] = {
    128, 4, 149, 35, 0, 0, 0, 0, 0, 0, 0, 140, 8, 98, 117, 105, 108, 116, 105,
    110, 115, 148, 140, 9, 98, 121, 116, 101, 97, 114, 114, 97, 121, 148, 147,
    148, 67, 2, 97, 98, 148, 133, 148, 82, 148, 46,
};
static const unsigned char pv_dump_226[] = {
    121, 54, 49, 54, 50, 0,
};
static const unsigned char pv_data_227[] = {
    128, 5, 149, 13, 0, 0, 0, 0, 0, 0, 0, 150, 2, 0, 0, 0, 0, 0, 0, 0, 97, 98,
    148, 46,
};
static const unsigned char pv_dump_227[] = {
    121, 54, 49, 54, 50, 0,
};
static const unsigned char pv_data_228[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121, 116,
    101, 97, 114, 114, 97, 121, 10, 112, 48, 10, 40, 116, 82, 112, 49, 10, 46,
};
static const unsigned char pv_dump_228[] = {
    121, 0,
};
static const unsigned char pv_data_229[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121, 116,
    101, 97, 114, 114, 97, 121, 10, 113, 0, 41, 82, 113, 1, 46,
};
static const unsigned char pv_dump_229[] = {
    121, 0,
};
static const unsigned char pv_data_230[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 98, 121,
    116, 101, 97, 114, 114, 97, 121, 10, 113, 0, 41, 82, 113, 1, 46,
};
static const unsigned char pv_dump_230[] = {
    121, 0,
};
static const unsigned char pv_data_231[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 98, 121, 116, 101,
    97, 114, 114, 97, 121, 10, 113, 0, 41, 82, 113, 1, 46,
};
static const unsigned char pv_dump_231[] = {
    121, 0,
};
static const unsigned char pv_data_232[] = {
    128, 4, 149, 29, 0, 0, 0, 0, 0, 0, 0, 140, 8, 98, 117, 105, 108, 116, 105,
    110, 115, 148, 140, 9, 98, 121, 116, 101, 97, 114, 114, 97, 121, 148, 147,
    148, 41, 82, 148, 46,
};
static const unsigned char pv_dump_232[] = {
    121, 0,
};
static const unsigned char pv_data_233[] = {
    128, 5, 149, 11, 0, 0, 0, 0, 0, 0, 0, 150, 0, 0, 0, 0, 0, 0, 0, 0, 148, 46,
};
static const unsigned char pv_dump_233[] = {
    121, 0,
};
static const unsigned char pv_data_234[] = {
    40, 116, 46,
};
static const unsigned char pv_dump_234[] = {
    40, 41, 0,
};
static const unsigned char pv_data_235[] = {
    41, 46,
};
static const unsigned char pv_dump_235[] = {
    40, 41, 0,
};
static const unsigned char pv_data_236[] = {
    128, 2, 41, 46,
};
static const unsigned char pv_dump_236[] = {
    40, 41, 0,
};
static const unsigned char pv_data_237[] = {
    128, 3, 41, 46,
};
static const unsigned char pv_dump_237[] = {
    40, 41, 0,
};
static const unsigned char pv_data_238[] = {
    128, 4, 41, 46,
};
static const unsigned char pv_dump_238[] = {
    40, 41, 0,
};
static const unsigned char pv_data_239[] = {
    128, 5, 41, 46,
};
static const unsigned char pv_dump_239[] = {
    40, 41, 0,
};
static const unsigned char pv_data_240[] = {
    40, 73, 49, 10, 116, 112, 48, 10, 46,
};
static const unsigned char pv_dump_240[] = {
    40, 105, 49, 41, 0,
};
static const unsigned char pv_data_241[] = {
    40, 75, 1, 116, 113, 0, 46,
};
static const unsigned char pv_dump_241[] = {
    40, 105, 49, 41, 0,
};
static const unsigned char pv_data_242[] = {
    128, 2, 75, 1, 133, 113, 0, 46,
};
static const unsigned char pv_dump_242[] = {
    40, 105, 49, 41, 0,
};
static const unsigned char pv_data_243[] = {
    128, 3, 75, 1, 133, 113, 0, 46,
};
static const unsigned char pv_dump_243[] = {
    40, 105, 49, 41, 0,
};
static const unsigned char pv_data_244[] = {
    128, 4, 149, 5, 0, 0, 0, 0, 0, 0, 0, 75, 1, 133, 148, 46,
};
static const unsigned char pv_dump_244[] = {
    40, 105, 49, 41, 0,
};
static const unsigned char pv_data_245[] = {
    128, 5, 149, 5, 0, 0, 0, 0, 0, 0, 0, 75, 1, 133, 148, 46,
};
static const unsigned char pv_dump_245[] = {
    40, 105, 49, 41, 0,
};
static const unsigned char pv_data_246[] = {
    40, 73, 49, 10, 73, 50, 10, 116, 112, 48, 10, 46,
};
static const unsigned char pv_dump_246[] = {
    40, 105, 49, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_247[] = {
    40, 75, 1, 75, 2, 116, 113, 0, 46,
};
static const unsigned char pv_dump_247[] = {
    40, 105, 49, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_248[] = {
    128, 2, 75, 1, 75, 2, 134, 113, 0, 46,
};
static const unsigned char pv_dump_248[] = {
    40, 105, 49, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_249[] = {
    128, 3, 75, 1, 75, 2, 134, 113, 0, 46,
};
static const unsigned char pv_dump_249[] = {
    40, 105, 49, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_250[] = {
    128, 4, 149, 7, 0, 0, 0, 0, 0, 0, 0, 75, 1, 75, 2, 134, 148, 46,
};
static const unsigned char pv_dump_250[] = {
    40, 105, 49, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_251[] = {
    128, 5, 149, 7, 0, 0, 0, 0, 0, 0, 0, 75, 1, 75, 2, 134, 148, 46,
};
static const unsigned char pv_dump_251[] = {
    40, 105, 49, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_252[] = {
    40, 73, 49, 10, 73, 50, 10, 73, 51, 10, 116, 112, 48, 10, 46,
};
static const unsigned char pv_dump_252[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 41, 0,
};
static const unsigned char pv_data_253[] = {
    40, 75, 1, 75, 2, 75, 3, 116, 113, 0, 46,
};
static const unsigned char pv_dump_253[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 41, 0,
};
static const unsigned char pv_data_254[] = {
    128, 2, 75, 1, 75, 2, 75, 3, 135, 113, 0, 46,
};
static const unsigned char pv_dump_254[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 41, 0,
};
static const unsigned char pv_data_255[] = {
    128, 3, 75, 1, 75, 2, 75, 3, 135, 113, 0, 46,
};
static const unsigned char pv_dump_255[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 41, 0,
};
static const unsigned char pv_data_256[] = {
    128, 4, 149, 9, 0, 0, 0, 0, 0, 0, 0, 75, 1, 75, 2, 75, 3, 135, 148, 46,
};
static const unsigned char pv_dump_256[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 41, 0,
};
static const unsigned char pv_data_257[] = {
    128, 5, 149, 9, 0, 0, 0, 0, 0, 0, 0, 75, 1, 75, 2, 75, 3, 135, 148, 46,
};
static const unsigned char pv_dump_257[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 41, 0,
};
static const unsigned char pv_data_258[] = {
    40, 73, 49, 10, 73, 50, 10, 73, 51, 10, 73, 52, 10, 116, 112, 48, 10, 46,
};
static const unsigned char pv_dump_258[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 41, 0,
};
static const unsigned char pv_data_259[] = {
    40, 75, 1, 75, 2, 75, 3, 75, 4, 116, 113, 0, 46,
};
static const unsigned char pv_dump_259[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 41, 0,
};
static const unsigned char pv_data_260[] = {
    128, 2, 40, 75, 1, 75, 2, 75, 3, 75, 4, 116, 113, 0, 46,
};
static const unsigned char pv_dump_260[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 41, 0,
};
static const unsigned char pv_data_261[] = {
    128, 3, 40, 75, 1, 75, 2, 75, 3, 75, 4, 116, 113, 0, 46,
};
static const unsigned char pv_dump_261[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 41, 0,
};
static const unsigned char pv_data_262[] = {
    128, 4, 149, 12, 0, 0, 0, 0, 0, 0, 0, 40, 75, 1, 75, 2, 75, 3, 75, 4, 116,
    148, 46,
};
static const unsigned char pv_dump_262[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 41, 0,
};
static const unsigned char pv_data_263[] = {
    128, 5, 149, 12, 0, 0, 0, 0, 0, 0, 0, 40, 75, 1, 75, 2, 75, 3, 75, 4, 116,
    148, 46,
};
static const unsigned char pv_dump_263[] = {
    40, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 41, 0,
};
static const unsigned char pv_data_264[] = {
    40, 40, 116, 40, 40, 73, 49, 10, 116, 112, 48, 10, 116, 112, 49, 10, 40,
    108, 112, 50, 10, 40, 116, 97, 116, 112, 51, 10, 46,
};
static const unsigned char pv_dump_264[] = {
    40, 40, 41, 44, 40, 40, 105, 49, 41, 41, 44, 91, 40, 41, 93, 41, 0,
};
static const unsigned char pv_data_265[] = {
    40, 41, 40, 40, 75, 1, 116, 113, 0, 116, 113, 1, 93, 113, 2, 41, 97, 116,
    113, 3, 46,
};
static const unsigned char pv_dump_265[] = {
    40, 40, 41, 44, 40, 40, 105, 49, 41, 41, 44, 91, 40, 41, 93, 41, 0,
};
static const unsigned char pv_data_266[] = {
    128, 2, 41, 75, 1, 133, 113, 0, 133, 113, 1, 93, 113, 2, 41, 97, 135, 113,
    3, 46,
};
static const unsigned char pv_dump_266[] = {
    40, 40, 41, 44, 40, 40, 105, 49, 41, 41, 44, 91, 40, 41, 93, 41, 0,
};
static const unsigned char pv_data_267[] = {
    128, 3, 41, 75, 1, 133, 113, 0, 133, 113, 1, 93, 113, 2, 41, 97, 135, 113,
    3, 46,
};
static const unsigned char pv_dump_267[] = {
    40, 40, 41, 44, 40, 40, 105, 49, 41, 41, 44, 91, 40, 41, 93, 41, 0,
};
static const unsigned char pv_data_268[] = {
    128, 4, 149, 14, 0, 0, 0, 0, 0, 0, 0, 41, 75, 1, 133, 148, 133, 148, 93,
    148, 41, 97, 135, 148, 46,
};
static const unsigned char pv_dump_268[] = {
    40, 40, 41, 44, 40, 40, 105, 49, 41, 41, 44, 91, 40, 41, 93, 41, 0,
};
static const unsigned char pv_data_269[] = {
    128, 5, 149, 14, 0, 0, 0, 0, 0, 0, 0, 41, 75, 1, 133, 148, 133, 148, 93,
    148, 41, 97, 135, 148, 46,
};
static const unsigned char pv_dump_269[] = {
    40, 40, 41, 44, 40, 40, 105, 49, 41, 41, 44, 91, 40, 41, 93, 41, 0,
};
static const unsigned char pv_data_270[] = {
    40, 108, 112, 48, 10, 46,
};
static const unsigned char pv_dump_270[] = {
    91, 93, 0,
};
static const unsigned char pv_data_271[] = {
    93, 113, 0, 46,
};
static const unsigned char pv_dump_271[] = {
    91, 93, 0,
};
static const unsigned char pv_data_272[] = {
    128, 2, 93, 113, 0, 46,
};
static const unsigned char pv_dump_272[] = {
    91, 93, 0,
};
static const unsigned char pv_data_273[] = {
    128, 3, 93, 113, 0, 46,
};
static const unsigned char pv_dump_273[] = {
    91, 93, 0,
};
static const unsigned char pv_data_274[] = {
    128, 4, 93, 148, 46,
};
static const unsigned char pv_dump_274[] = {
    91, 93, 0,
};
static const unsigned char pv_data_275[] = {
    128, 5, 93, 148, 46,
};
static const unsigned char pv_dump_275[] = {
    91, 93, 0,
};
static const unsigned char pv_data_276[] = {
    40, 108, 112, 48, 10, 73, 49, 10, 97, 86, 97, 10, 112, 49, 10, 97, 78, 97,
    70, 50, 46, 53, 10, 97, 46,
};
static const unsigned char pv_dump_276[] = {
    91, 105, 49, 44, 115, 54, 49, 44, 78, 44, 102, 52, 48, 48, 52, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_277[] = {
    93, 113, 0, 40, 75, 1, 88, 1, 0, 0, 0, 97, 113, 1, 78, 71, 64, 4, 0, 0, 0,
    0, 0, 0, 101, 46,
};
static const unsigned char pv_dump_277[] = {
    91, 105, 49, 44, 115, 54, 49, 44, 78, 44, 102, 52, 48, 48, 52, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_278[] = {
    128, 2, 93, 113, 0, 40, 75, 1, 88, 1, 0, 0, 0, 97, 113, 1, 78, 71, 64, 4,
    0, 0, 0, 0, 0, 0, 101, 46,
};
static const unsigned char pv_dump_278[] = {
    91, 105, 49, 44, 115, 54, 49, 44, 78, 44, 102, 52, 48, 48, 52, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_279[] = {
    128, 3, 93, 113, 0, 40, 75, 1, 88, 1, 0, 0, 0, 97, 113, 1, 78, 71, 64, 4,
    0, 0, 0, 0, 0, 0, 101, 46,
};
static const unsigned char pv_dump_279[] = {
    91, 105, 49, 44, 115, 54, 49, 44, 78, 44, 102, 52, 48, 48, 52, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_280[] = {
    128, 4, 149, 21, 0, 0, 0, 0, 0, 0, 0, 93, 148, 40, 75, 1, 140, 1, 97, 148,
    78, 71, 64, 4, 0, 0, 0, 0, 0, 0, 101, 46,
};
static const unsigned char pv_dump_280[] = {
    91, 105, 49, 44, 115, 54, 49, 44, 78, 44, 102, 52, 48, 48, 52, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_281[] = {
    128, 5, 149, 21, 0, 0, 0, 0, 0, 0, 0, 93, 148, 40, 75, 1, 140, 1, 97, 148,
    78, 71, 64, 4, 0, 0, 0, 0, 0, 0, 101, 46,
};
static const unsigned char pv_dump_281[] = {
    91, 105, 49, 44, 115, 54, 49, 44, 78, 44, 102, 52, 48, 48, 52, 48, 48, 48,
    48, 48, 48, 48, 48, 48, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_282[] = {
    128, 2, 93, 113, 0, 40, 75, 0, 75, 1, 75, 2, 75, 3, 75, 4, 75, 5, 75, 6,
    75, 7, 75, 8, 75, 9, 75, 10, 75, 11, 75, 12, 75, 13, 75, 14, 75, 15, 75,
    16, 75, 17, 75, 18, 75, 19, 75, 20, 75, 21, 75, 22, 75, 23, 75, 24, 75, 25,
    75, 26, 75, 27, 75, 28, 75, 29, 75, 30, 75, 31, 75, 32, 75, 33, 75, 34, 75,
    35, 75, 36, 75, 37, 75, 38, 75, 39, 75, 40, 75, 41, 75, 42, 75, 43, 75, 44,
    75, 45, 75, 46, 75, 47, 75, 48, 75, 49, 75, 50, 75, 51, 75, 52, 75, 53, 75,
    54, 75, 55, 75, 56, 75, 57, 75, 58, 75, 59, 75, 60, 75, 61, 75, 62, 75, 63,
    75, 64, 75, 65, 75, 66, 75, 67, 75, 68, 75, 69, 75, 70, 75, 71, 75, 72, 75,
    73, 75, 74, 75, 75, 75, 76, 75, 77, 75, 78, 75, 79, 75, 80, 75, 81, 75, 82,
    75, 83, 75, 84, 75, 85, 75, 86, 75, 87, 75, 88, 75, 89, 75, 90, 75, 91, 75,
    92, 75, 93, 75, 94, 75, 95, 75, 96, 75, 97, 75, 98, 75, 99, 75, 100, 75,
    101, 75, 102, 75, 103, 75, 104, 75, 105, 75, 106, 75, 107, 75, 108, 75,
    109, 75, 110, 75, 111, 75, 112, 75, 113, 75, 114, 75, 115, 75, 116, 75,
    117, 75, 118, 75, 119, 75, 120, 75, 121, 75, 122, 75, 123, 75, 124, 75,
    125, 75, 126, 75, 127, 75, 128, 75, 129, 75, 130, 75, 131, 75, 132, 75,
    133, 75, 134, 75, 135, 75, 136, 75, 137, 75, 138, 75, 139, 75, 140, 75,
    141, 75, 142, 75, 143, 75, 144, 75, 145, 75, 146, 75, 147, 75, 148, 75,
    149, 75, 150, 75, 151, 75, 152, 75, 153, 75, 154, 75, 155, 75, 156, 75,
    157, 75, 158, 75, 159, 75, 160, 75, 161, 75, 162, 75, 163, 75, 164, 75,
    165, 75, 166, 75, 167, 75, 168, 75, 169, 75, 170, 75, 171, 75, 172, 75,
    173, 75, 174, 75, 175, 75, 176, 75, 177, 75, 178, 75, 179, 75, 180, 75,
    181, 75, 182, 75, 183, 75, 184, 75, 185, 75, 186, 75, 187, 75, 188, 75,
    189, 75, 190, 75, 191, 75, 192, 75, 193, 75, 194, 75, 195, 75, 196, 75,
    197, 75, 198, 75, 199, 75, 200, 75, 201, 75, 202, 75, 203, 75, 204, 75,
    205, 75, 206, 75, 207, 75, 208, 75, 209, 75, 210, 75, 211, 75, 212, 75,
    213, 75, 214, 75, 215, 75, 216, 75, 217, 75, 218, 75, 219, 75, 220, 75,
    221, 75, 222, 75, 223, 75, 224, 75, 225, 75, 226, 75, 227, 75, 228, 75,
    229, 75, 230, 75, 231, 75, 232, 75, 233, 75, 234, 75, 235, 75, 236, 75,
    237, 75, 238, 75, 239, 75, 240, 75, 241, 75, 242, 75, 243, 75, 244, 75,
    245, 75, 246, 75, 247, 75, 248, 75, 249, 75, 250, 75, 251, 75, 252, 75,
    253, 75, 254, 75, 255, 77, 0, 1, 77, 1, 1, 77, 2, 1, 77, 3, 1, 77, 4, 1,
    77, 5, 1, 77, 6, 1, 77, 7, 1, 77, 8, 1, 77, 9, 1, 77, 10, 1, 77, 11, 1, 77,
    12, 1, 77, 13, 1, 77, 14, 1, 77, 15, 1, 77, 16, 1, 77, 17, 1, 77, 18, 1,
    77, 19, 1, 77, 20, 1, 77, 21, 1, 77, 22, 1, 77, 23, 1, 77, 24, 1, 77, 25,
    1, 77, 26, 1, 77, 27, 1, 77, 28, 1, 77, 29, 1, 77, 30, 1, 77, 31, 1, 77,
    32, 1, 77, 33, 1, 77, 34, 1, 77, 35, 1, 77, 36, 1, 77, 37, 1, 77, 38, 1,
    77, 39, 1, 77, 40, 1, 77, 41, 1, 77, 42, 1, 77, 43, 1, 77, 44, 1, 77, 45,
    1, 77, 46, 1, 77, 47, 1, 77, 48, 1, 77, 49, 1, 77, 50, 1, 77, 51, 1, 77,
    52, 1, 77, 53, 1, 77, 54, 1, 77, 55, 1, 77, 56, 1, 77, 57, 1, 77, 58, 1,
    77, 59, 1, 77, 60, 1, 77, 61, 1, 77, 62, 1, 77, 63, 1, 77, 64, 1, 77, 65,
    1, 77, 66, 1, 77, 67, 1, 77, 68, 1, 77, 69, 1, 77, 70, 1, 77, 71, 1, 77,
    72, 1, 77, 73, 1, 77, 74, 1, 77, 75, 1, 77, 76, 1, 77, 77, 1, 77, 78, 1,
    77, 79, 1, 77, 80, 1, 77, 81, 1, 77, 82, 1, 77, 83, 1, 77, 84, 1, 77, 85,
    1, 77, 86, 1, 77, 87, 1, 77, 88, 1, 77, 89, 1, 77, 90, 1, 77, 91, 1, 77,
    92, 1, 77, 93, 1, 77, 94, 1, 77, 95, 1, 77, 96, 1, 77, 97, 1, 77, 98, 1,
    77, 99, 1, 77, 100, 1, 77, 101, 1, 77, 102, 1, 77, 103, 1, 77, 104, 1, 77,
    105, 1, 77, 106, 1, 77, 107, 1, 77, 108, 1, 77, 109, 1, 77, 110, 1, 77,
    111, 1, 77, 112, 1, 77, 113, 1, 77, 114, 1, 77, 115, 1, 77, 116, 1, 77,
    117, 1, 77, 118, 1, 77, 119, 1, 77, 120, 1, 77, 121, 1, 77, 122, 1, 77,
    123, 1, 77, 124, 1, 77, 125, 1, 77, 126, 1, 77, 127, 1, 77, 128, 1, 77,
    129, 1, 77, 130, 1, 77, 131, 1, 77, 132, 1, 77, 133, 1, 77, 134, 1, 77,
    135, 1, 77, 136, 1, 77, 137, 1, 77, 138, 1, 77, 139, 1, 77, 140, 1, 77,
    141, 1, 77, 142, 1, 77, 143, 1, 77, 144, 1, 77, 145, 1, 77, 146, 1, 77,
    147, 1, 77, 148, 1, 77, 149, 1, 77, 150, 1, 77, 151, 1, 77, 152, 1, 77,
    153, 1, 77, 154, 1, 77, 155, 1, 77, 156, 1, 77, 157, 1, 77, 158, 1, 77,
    159, 1, 77, 160, 1, 77, 161, 1, 77, 162, 1, 77, 163, 1, 77, 164, 1, 77,
    165, 1, 77, 166, 1, 77, 167, 1, 77, 168, 1, 77, 169, 1, 77, 170, 1, 77,
    171, 1, 77, 172, 1, 77, 173, 1, 77, 174, 1, 77, 175, 1, 77, 176, 1, 77,
    177, 1, 77, 178, 1, 77, 179, 1, 77, 180, 1, 77, 181, 1, 77, 182, 1, 77,
    183, 1, 77, 184, 1, 77, 185, 1, 77, 186, 1, 77, 187, 1, 77, 188, 1, 77,
    189, 1, 77, 190, 1, 77, 191, 1, 77, 192, 1, 77, 193, 1, 77, 194, 1, 77,
    195, 1, 77, 196, 1, 77, 197, 1, 77, 198, 1, 77, 199, 1, 77, 200, 1, 77,
    201, 1, 77, 202, 1, 77, 203, 1, 77, 204, 1, 77, 205, 1, 77, 206, 1, 77,
    207, 1, 77, 208, 1, 77, 209, 1, 77, 210, 1, 77, 211, 1, 77, 212, 1, 77,
    213, 1, 77, 214, 1, 77, 215, 1, 77, 216, 1, 77, 217, 1, 77, 218, 1, 77,
    219, 1, 77, 220, 1, 77, 221, 1, 77, 222, 1, 77, 223, 1, 77, 224, 1, 77,
    225, 1, 77, 226, 1, 77, 227, 1, 77, 228, 1, 77, 229, 1, 77, 230, 1, 77,
    231, 1, 77, 232, 1, 77, 233, 1, 77, 234, 1, 77, 235, 1, 77, 236, 1, 77,
    237, 1, 77, 238, 1, 77, 239, 1, 77, 240, 1, 77, 241, 1, 77, 242, 1, 77,
    243, 1, 77, 244, 1, 77, 245, 1, 77, 246, 1, 77, 247, 1, 77, 248, 1, 77,
    249, 1, 77, 250, 1, 77, 251, 1, 77, 252, 1, 77, 253, 1, 77, 254, 1, 77,
    255, 1, 77, 0, 2, 77, 1, 2, 77, 2, 2, 77, 3, 2, 77, 4, 2, 77, 5, 2, 77, 6,
    2, 77, 7, 2, 77, 8, 2, 77, 9, 2, 77, 10, 2, 77, 11, 2, 77, 12, 2, 77, 13,
    2, 77, 14, 2, 77, 15, 2, 77, 16, 2, 77, 17, 2, 77, 18, 2, 77, 19, 2, 77,
    20, 2, 77, 21, 2, 77, 22, 2, 77, 23, 2, 77, 24, 2, 77, 25, 2, 77, 26, 2,
    77, 27, 2, 77, 28, 2, 77, 29, 2, 77, 30, 2, 77, 31, 2, 77, 32, 2, 77, 33,
    2, 77, 34, 2, 77, 35, 2, 77, 36, 2, 77, 37, 2, 77, 38, 2, 77, 39, 2, 77,
    40, 2, 77, 41, 2, 77, 42, 2, 77, 43, 2, 77, 44, 2, 77, 45, 2, 77, 46, 2,
    77, 47, 2, 77, 48, 2, 77, 49, 2, 77, 50, 2, 77, 51, 2, 77, 52, 2, 77, 53,
    2, 77, 54, 2, 77, 55, 2, 77, 56, 2, 77, 57, 2, 77, 58, 2, 77, 59, 2, 77,
    60, 2, 77, 61, 2, 77, 62, 2, 77, 63, 2, 77, 64, 2, 77, 65, 2, 77, 66, 2,
    77, 67, 2, 77, 68, 2, 77, 69, 2, 77, 70, 2, 77, 71, 2, 77, 72, 2, 77, 73,
    2, 77, 74, 2, 77, 75, 2, 77, 76, 2, 77, 77, 2, 77, 78, 2, 77, 79, 2, 77,
    80, 2, 77, 81, 2, 77, 82, 2, 77, 83, 2, 77, 84, 2, 77, 85, 2, 77, 86, 2,
    77, 87, 2, 77, 88, 2, 77, 89, 2, 77, 90, 2, 77, 91, 2, 77, 92, 2, 77, 93,
    2, 77, 94, 2, 77, 95, 2, 77, 96, 2, 77, 97, 2, 77, 98, 2, 77, 99, 2, 77,
    100, 2, 77, 101, 2, 77, 102, 2, 77, 103, 2, 77, 104, 2, 77, 105, 2, 77,
    106, 2, 77, 107, 2, 77, 108, 2, 77, 109, 2, 77, 110, 2, 77, 111, 2, 77,
    112, 2, 77, 113, 2, 77, 114, 2, 77, 115, 2, 77, 116, 2, 77, 117, 2, 77,
    118, 2, 77, 119, 2, 77, 120, 2, 77, 121, 2, 77, 122, 2, 77, 123, 2, 77,
    124, 2, 77, 125, 2, 77, 126, 2, 77, 127, 2, 77, 128, 2, 77, 129, 2, 77,
    130, 2, 77, 131, 2, 77, 132, 2, 77, 133, 2, 77, 134, 2, 77, 135, 2, 77,
    136, 2, 77, 137, 2, 77, 138, 2, 77, 139, 2, 77, 140, 2, 77, 141, 2, 77,
    142, 2, 77, 143, 2, 77, 144, 2, 77, 145, 2, 77, 146, 2, 77, 147, 2, 77,
    148, 2, 77, 149, 2, 77, 150, 2, 77, 151, 2, 77, 152, 2, 77, 153, 2, 77,
    154, 2, 77, 155, 2, 77, 156, 2, 77, 157, 2, 77, 158, 2, 77, 159, 2, 77,
    160, 2, 77, 161, 2, 77, 162, 2, 77, 163, 2, 77, 164, 2, 77, 165, 2, 77,
    166, 2, 77, 167, 2, 77, 168, 2, 77, 169, 2, 77, 170, 2, 77, 171, 2, 77,
    172, 2, 77, 173, 2, 77, 174, 2, 77, 175, 2, 77, 176, 2, 77, 177, 2, 77,
    178, 2, 77, 179, 2, 77, 180, 2, 77, 181, 2, 77, 182, 2, 77, 183, 2, 77,
    184, 2, 77, 185, 2, 77, 186, 2, 77, 187, 2, 77, 188, 2, 77, 189, 2, 77,
    190, 2, 77, 191, 2, 77, 192, 2, 77, 193, 2, 77, 194, 2, 77, 195, 2, 77,
    196, 2, 77, 197, 2, 77, 198, 2, 77, 199, 2, 77, 200, 2, 77, 201, 2, 77,
    202, 2, 77, 203, 2, 77, 204, 2, 77, 205, 2, 77, 206, 2, 77, 207, 2, 77,
    208, 2, 77, 209, 2, 77, 210, 2, 77, 211, 2, 77, 212, 2, 77, 213, 2, 77,
    214, 2, 77, 215, 2, 77, 216, 2, 77, 217, 2, 77, 218, 2, 77, 219, 2, 77,
    220, 2, 77, 221, 2, 77, 222, 2, 77, 223, 2, 77, 224, 2, 77, 225, 2, 77,
    226, 2, 77, 227, 2, 77, 228, 2, 77, 229, 2, 77, 230, 2, 77, 231, 2, 77,
    232, 2, 77, 233, 2, 77, 234, 2, 77, 235, 2, 77, 236, 2, 77, 237, 2, 77,
    238, 2, 77, 239, 2, 77, 240, 2, 77, 241, 2, 77, 242, 2, 77, 243, 2, 77,
    244, 2, 77, 245, 2, 77, 246, 2, 77, 247, 2, 77, 248, 2, 77, 249, 2, 77,
    250, 2, 77, 251, 2, 77, 252, 2, 77, 253, 2, 77, 254, 2, 77, 255, 2, 77, 0,
    3, 77, 1, 3, 77, 2, 3, 77, 3, 3, 77, 4, 3, 77, 5, 3, 77, 6, 3, 77, 7, 3,
    77, 8, 3, 77, 9, 3, 77, 10, 3, 77, 11, 3, 77, 12, 3, 77, 13, 3, 77, 14, 3,
    77, 15, 3, 77, 16, 3, 77, 17, 3, 77, 18, 3, 77, 19, 3, 77, 20, 3, 77, 21,
    3, 77, 22, 3, 77, 23, 3, 77, 24, 3, 77, 25, 3, 77, 26, 3, 77, 27, 3, 77,
    28, 3, 77, 29, 3, 77, 30, 3, 77, 31, 3, 77, 32, 3, 77, 33, 3, 77, 34, 3,
    77, 35, 3, 77, 36, 3, 77, 37, 3, 77, 38, 3, 77, 39, 3, 77, 40, 3, 77, 41,
    3, 77, 42, 3, 77, 43, 3, 77, 44, 3, 77, 45, 3, 77, 46, 3, 77, 47, 3, 77,
    48, 3, 77, 49, 3, 77, 50, 3, 77, 51, 3, 77, 52, 3, 77, 53, 3, 77, 54, 3,
    77, 55, 3, 77, 56, 3, 77, 57, 3, 77, 58, 3, 77, 59, 3, 77, 60, 3, 77, 61,
    3, 77, 62, 3, 77, 63, 3, 77, 64, 3, 77, 65, 3, 77, 66, 3, 77, 67, 3, 77,
    68, 3, 77, 69, 3, 77, 70, 3, 77, 71, 3, 77, 72, 3, 77, 73, 3, 77, 74, 3,
    77, 75, 3, 77, 76, 3, 77, 77, 3, 77, 78, 3, 77, 79, 3, 77, 80, 3, 77, 81,
    3, 77, 82, 3, 77, 83, 3, 77, 84, 3, 77, 85, 3, 77, 86, 3, 77, 87, 3, 77,
    88, 3, 77, 89, 3, 77, 90, 3, 77, 91, 3, 77, 92, 3, 77, 93, 3, 77, 94, 3,
    77, 95, 3, 77, 96, 3, 77, 97, 3, 77, 98, 3, 77, 99, 3, 77, 100, 3, 77, 101,
    3, 77, 102, 3, 77, 103, 3, 77, 104, 3, 77, 105, 3, 77, 106, 3, 77, 107, 3,
    77, 108, 3, 77, 109, 3, 77, 110, 3, 77, 111, 3, 77, 112, 3, 77, 113, 3, 77,
    114, 3, 77, 115, 3, 77, 116, 3, 77, 117, 3, 77, 118, 3, 77, 119, 3, 77,
    120, 3, 77, 121, 3, 77, 122, 3, 77, 123, 3, 77, 124, 3, 77, 125, 3, 77,
    126, 3, 77, 127, 3, 77, 128, 3, 77, 129, 3, 77, 130, 3, 77, 131, 3, 77,
    132, 3, 77, 133, 3, 77, 134, 3, 77, 135, 3, 77, 136, 3, 77, 137, 3, 77,
    138, 3, 77, 139, 3, 77, 140, 3, 77, 141, 3, 77, 142, 3, 77, 143, 3, 77,
    144, 3, 77, 145, 3, 77, 146, 3, 77, 147, 3, 77, 148, 3, 77, 149, 3, 77,
    150, 3, 77, 151, 3, 77, 152, 3, 77, 153, 3, 77, 154, 3, 77, 155, 3, 77,
    156, 3, 77, 157, 3, 77, 158, 3, 77, 159, 3, 77, 160, 3, 77, 161, 3, 77,
    162, 3, 77, 163, 3, 77, 164, 3, 77, 165, 3, 77, 166, 3, 77, 167, 3, 77,
    168, 3, 77, 169, 3, 77, 170, 3, 77, 171, 3, 77, 172, 3, 77, 173, 3, 77,
    174, 3, 77, 175, 3, 77, 176, 3, 77, 177, 3, 77, 178, 3, 77, 179, 3, 77,
    180, 3, 77, 181, 3, 77, 182, 3, 77, 183, 3, 77, 184, 3, 77, 185, 3, 77,
    186, 3, 77, 187, 3, 77, 188, 3, 77, 189, 3, 77, 190, 3, 77, 191, 3, 77,
    192, 3, 77, 193, 3, 77, 194, 3, 77, 195, 3, 77, 196, 3, 77, 197, 3, 77,
    198, 3, 77, 199, 3, 77, 200, 3, 77, 201, 3, 77, 202, 3, 77, 203, 3, 77,
    204, 3, 77, 205, 3, 77, 206, 3, 77, 207, 3, 77, 208, 3, 77, 209, 3, 77,
    210, 3, 77, 211, 3, 77, 212, 3, 77, 213, 3, 77, 214, 3, 77, 215, 3, 77,
    216, 3, 77, 217, 3, 77, 218, 3, 77, 219, 3, 77, 220, 3, 77, 221, 3, 77,
    222, 3, 77, 223, 3, 77, 224, 3, 77, 225, 3, 77, 226, 3, 77, 227, 3, 77,
    228, 3, 77, 229, 3, 77, 230, 3, 77, 231, 3, 101, 40, 77, 232, 3, 101, 46,
};
static const unsigned char pv_dump_282[] = {
    91, 105, 48, 44, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 44, 105,
    53, 44, 105, 54, 44, 105, 55, 44, 105, 56, 44, 105, 57, 44, 105, 49, 48,
    44, 105, 49, 49, 44, 105, 49, 50, 44, 105, 49, 51, 44, 105, 49, 52, 44,
    105, 49, 53, 44, 105, 49, 54, 44, 105, 49, 55, 44, 105, 49, 56, 44, 105,
    49, 57, 44, 105, 50, 48, 44, 105, 50, 49, 44, 105, 50, 50, 44, 105, 50, 51,
    44, 105, 50, 52, 44, 105, 50, 53, 44, 105, 50, 54, 44, 105, 50, 55, 44,
    105, 50, 56, 44, 105, 50, 57, 44, 105, 51, 48, 44, 105, 51, 49, 44, 105,
    51, 50, 44, 105, 51, 51, 44, 105, 51, 52, 44, 105, 51, 53, 44, 105, 51, 54,
    44, 105, 51, 55, 44, 105, 51, 56, 44, 105, 51, 57, 44, 105, 52, 48, 44,
    105, 52, 49, 44, 105, 52, 50, 44, 105, 52, 51, 44, 105, 52, 52, 44, 105,
    52, 53, 44, 105, 52, 54, 44, 105, 52, 55, 44, 105, 52, 56, 44, 105, 52, 57,
    44, 105, 53, 48, 44, 105, 53, 49, 44, 105, 53, 50, 44, 105, 53, 51, 44,
    105, 53, 52, 44, 105, 53, 53, 44, 105, 53, 54, 44, 105, 53, 55, 44, 105,
    53, 56, 44, 105, 53, 57, 44, 105, 54, 48, 44, 105, 54, 49, 44, 105, 54, 50,
    44, 105, 54, 51, 44, 105, 54, 52, 44, 105, 54, 53, 44, 105, 54, 54, 44,
    105, 54, 55, 44, 105, 54, 56, 44, 105, 54, 57, 44, 105, 55, 48, 44, 105,
    55, 49, 44, 105, 55, 50, 44, 105, 55, 51, 44, 105, 55, 52, 44, 105, 55, 53,
    44, 105, 55, 54, 44, 105, 55, 55, 44, 105, 55, 56, 44, 105, 55, 57, 44,
    105, 56, 48, 44, 105, 56, 49, 44, 105, 56, 50, 44, 105, 56, 51, 44, 105,
    56, 52, 44, 105, 56, 53, 44, 105, 56, 54, 44, 105, 56, 55, 44, 105, 56, 56,
    44, 105, 56, 57, 44, 105, 57, 48, 44, 105, 57, 49, 44, 105, 57, 50, 44,
    105, 57, 51, 44, 105, 57, 52, 44, 105, 57, 53, 44, 105, 57, 54, 44, 105,
    57, 55, 44, 105, 57, 56, 44, 105, 57, 57, 44, 105, 49, 48, 48, 44, 105, 49,
    48, 49, 44, 105, 49, 48, 50, 44, 105, 49, 48, 51, 44, 105, 49, 48, 52, 44,
    105, 49, 48, 53, 44, 105, 49, 48, 54, 44, 105, 49, 48, 55, 44, 105, 49, 48,
    56, 44, 105, 49, 48, 57, 44, 105, 49, 49, 48, 44, 105, 49, 49, 49, 44, 105,
    49, 49, 50, 44, 105, 49, 49, 51, 44, 105, 49, 49, 52, 44, 105, 49, 49, 53,
    44, 105, 49, 49, 54, 44, 105, 49, 49, 55, 44, 105, 49, 49, 56, 44, 105, 49,
    49, 57, 44, 105, 49, 50, 48, 44, 105, 49, 50, 49, 44, 105, 49, 50, 50, 44,
    105, 49, 50, 51, 44, 105, 49, 50, 52, 44, 105, 49, 50, 53, 44, 105, 49, 50,
    54, 44, 105, 49, 50, 55, 44, 105, 49, 50, 56, 44, 105, 49, 50, 57, 44, 105,
    49, 51, 48, 44, 105, 49, 51, 49, 44, 105, 49, 51, 50, 44, 105, 49, 51, 51,
    44, 105, 49, 51, 52, 44, 105, 49, 51, 53, 44, 105, 49, 51, 54, 44, 105, 49,
    51, 55, 44, 105, 49, 51, 56, 44, 105, 49, 51, 57, 44, 105, 49, 52, 48, 44,
    105, 49, 52, 49, 44, 105, 49, 52, 50, 44, 105, 49, 52, 51, 44, 105, 49, 52,
    52, 44, 105, 49, 52, 53, 44, 105, 49, 52, 54, 44, 105, 49, 52, 55, 44, 105,
    49, 52, 56, 44, 105, 49, 52, 57, 44, 105, 49, 53, 48, 44, 105, 49, 53, 49,
    44, 105, 49, 53, 50, 44, 105, 49, 53, 51, 44, 105, 49, 53, 52, 44, 105, 49,
    53, 53, 44, 105, 49, 53, 54, 44, 105, 49, 53, 55, 44, 105, 49, 53, 56, 44,
    105, 49, 53, 57, 44, 105, 49, 54, 48, 44, 105, 49, 54, 49, 44, 105, 49, 54,
    50, 44, 105, 49, 54, 51, 44, 105, 49, 54, 52, 44, 105, 49, 54, 53, 44, 105,
    49, 54, 54, 44, 105, 49, 54, 55, 44, 105, 49, 54, 56, 44, 105, 49, 54, 57,
    44, 105, 49, 55, 48, 44, 105, 49, 55, 49, 44, 105, 49, 55, 50, 44, 105, 49,
    55, 51, 44, 105, 49, 55, 52, 44, 105, 49, 55, 53, 44, 105, 49, 55, 54, 44,
    105, 49, 55, 55, 44, 105, 49, 55, 56, 44, 105, 49, 55, 57, 44, 105, 49, 56,
    48, 44, 105, 49, 56, 49, 44, 105, 49, 56, 50, 44, 105, 49, 56, 51, 44, 105,
    49, 56, 52, 44, 105, 49, 56, 53, 44, 105, 49, 56, 54, 44, 105, 49, 56, 55,
    44, 105, 49, 56, 56, 44, 105, 49, 56, 57, 44, 105, 49, 57, 48, 44, 105, 49,
    57, 49, 44, 105, 49, 57, 50, 44, 105, 49, 57, 51, 44, 105, 49, 57, 52, 44,
    105, 49, 57, 53, 44, 105, 49, 57, 54, 44, 105, 49, 57, 55, 44, 105, 49, 57,
    56, 44, 105, 49, 57, 57, 44, 105, 50, 48, 48, 44, 105, 50, 48, 49, 44, 105,
    50, 48, 50, 44, 105, 50, 48, 51, 44, 105, 50, 48, 52, 44, 105, 50, 48, 53,
    44, 105, 50, 48, 54, 44, 105, 50, 48, 55, 44, 105, 50, 48, 56, 44, 105, 50,
    48, 57, 44, 105, 50, 49, 48, 44, 105, 50, 49, 49, 44, 105, 50, 49, 50, 44,
    105, 50, 49, 51, 44, 105, 50, 49, 52, 44, 105, 50, 49, 53, 44, 105, 50, 49,
    54, 44, 105, 50, 49, 55, 44, 105, 50, 49, 56, 44, 105, 50, 49, 57, 44, 105,
    50, 50, 48, 44, 105, 50, 50, 49, 44, 105, 50, 50, 50, 44, 105, 50, 50, 51,
    44, 105, 50, 50, 52, 44, 105, 50, 50, 53, 44, 105, 50, 50, 54, 44, 105, 50,
    50, 55, 44, 105, 50, 50, 56, 44, 105, 50, 50, 57, 44, 105, 50, 51, 48, 44,
    105, 50, 51, 49, 44, 105, 50, 51, 50, 44, 105, 50, 51, 51, 44, 105, 50, 51,
    52, 44, 105, 50, 51, 53, 44, 105, 50, 51, 54, 44, 105, 50, 51, 55, 44, 105,
    50, 51, 56, 44, 105, 50, 51, 57, 44, 105, 50, 52, 48, 44, 105, 50, 52, 49,
    44, 105, 50, 52, 50, 44, 105, 50, 52, 51, 44, 105, 50, 52, 52, 44, 105, 50,
    52, 53, 44, 105, 50, 52, 54, 44, 105, 50, 52, 55, 44, 105, 50, 52, 56, 44,
    105, 50, 52, 57, 44, 105, 50, 53, 48, 44, 105, 50, 53, 49, 44, 105, 50, 53,
    50, 44, 105, 50, 53, 51, 44, 105, 50, 53, 52, 44, 105, 50, 53, 53, 44, 105,
    50, 53, 54, 44, 105, 50, 53, 55, 44, 105, 50, 53, 56, 44, 105, 50, 53, 57,
    44, 105, 50, 54, 48, 44, 105, 50, 54, 49, 44, 105, 50, 54, 50, 44, 105, 50,
    54, 51, 44, 105, 50, 54, 52, 44, 105, 50, 54, 53, 44, 105, 50, 54, 54, 44,
    105, 50, 54, 55, 44, 105, 50, 54, 56, 44, 105, 50, 54, 57, 44, 105, 50, 55,
    48, 44, 105, 50, 55, 49, 44, 105, 50, 55, 50, 44, 105, 50, 55, 51, 44, 105,
    50, 55, 52, 44, 105, 50, 55, 53, 44, 105, 50, 55, 54, 44, 105, 50, 55, 55,
    44, 105, 50, 55, 56, 44, 105, 50, 55, 57, 44, 105, 50, 56, 48, 44, 105, 50,
    56, 49, 44, 105, 50, 56, 50, 44, 105, 50, 56, 51, 44, 105, 50, 56, 52, 44,
    105, 50, 56, 53, 44, 105, 50, 56, 54, 44, 105, 50, 56, 55, 44, 105, 50, 56,
    56, 44, 105, 50, 56, 57, 44, 105, 50, 57, 48, 44, 105, 50, 57, 49, 44, 105,
    50, 57, 50, 44, 105, 50, 57, 51, 44, 105, 50, 57, 52, 44, 105, 50, 57, 53,
    44, 105, 50, 57, 54, 44, 105, 50, 57, 55, 44, 105, 50, 57, 56, 44, 105, 50,
    57, 57, 44, 105, 51, 48, 48, 44, 105, 51, 48, 49, 44, 105, 51, 48, 50, 44,
    105, 51, 48, 51, 44, 105, 51, 48, 52, 44, 105, 51, 48, 53, 44, 105, 51, 48,
    54, 44, 105, 51, 48, 55, 44, 105, 51, 48, 56, 44, 105, 51, 48, 57, 44, 105,
    51, 49, 48, 44, 105, 51, 49, 49, 44, 105, 51, 49, 50, 44, 105, 51, 49, 51,
    44, 105, 51, 49, 52, 44, 105, 51, 49, 53, 44, 105, 51, 49, 54, 44, 105, 51,
    49, 55, 44, 105, 51, 49, 56, 44, 105, 51, 49, 57, 44, 105, 51, 50, 48, 44,
    105, 51, 50, 49, 44, 105, 51, 50, 50, 44, 105, 51, 50, 51, 44, 105, 51, 50,
    52, 44, 105, 51, 50, 53, 44, 105, 51, 50, 54, 44, 105, 51, 50, 55, 44, 105,
    51, 50, 56, 44, 105, 51, 50, 57, 44, 105, 51, 51, 48, 44, 105, 51, 51, 49,
    44, 105, 51, 51, 50, 44, 105, 51, 51, 51, 44, 105, 51, 51, 52, 44, 105, 51,
    51, 53, 44, 105, 51, 51, 54, 44, 105, 51, 51, 55, 44, 105, 51, 51, 56, 44,
    105, 51, 51, 57, 44, 105, 51, 52, 48, 44, 105, 51, 52, 49, 44, 105, 51, 52,
    50, 44, 105, 51, 52, 51, 44, 105, 51, 52, 52, 44, 105, 51, 52, 53, 44, 105,
    51, 52, 54, 44, 105, 51, 52, 55, 44, 105, 51, 52, 56, 44, 105, 51, 52, 57,
    44, 105, 51, 53, 48, 44, 105, 51, 53, 49, 44, 105, 51, 53, 50, 44, 105, 51,
    53, 51, 44, 105, 51, 53, 52, 44, 105, 51, 53, 53, 44, 105, 51, 53, 54, 44,
    105, 51, 53, 55, 44, 105, 51, 53, 56, 44, 105, 51, 53, 57, 44, 105, 51, 54,
    48, 44, 105, 51, 54, 49, 44, 105, 51, 54, 50, 44, 105, 51, 54, 51, 44, 105,
    51, 54, 52, 44, 105, 51, 54, 53, 44, 105, 51, 54, 54, 44, 105, 51, 54, 55,
    44, 105, 51, 54, 56, 44, 105, 51, 54, 57, 44, 105, 51, 55, 48, 44, 105, 51,
    55, 49, 44, 105, 51, 55, 50, 44, 105, 51, 55, 51, 44, 105, 51, 55, 52, 44,
    105, 51, 55, 53, 44, 105, 51, 55, 54, 44, 105, 51, 55, 55, 44, 105, 51, 55,
    56, 44, 105, 51, 55, 57, 44, 105, 51, 56, 48, 44, 105, 51, 56, 49, 44, 105,
    51, 56, 50, 44, 105, 51, 56, 51, 44, 105, 51, 56, 52, 44, 105, 51, 56, 53,
    44, 105, 51, 56, 54, 44, 105, 51, 56, 55, 44, 105, 51, 56, 56, 44, 105, 51,
    56, 57, 44, 105, 51, 57, 48, 44, 105, 51, 57, 49, 44, 105, 51, 57, 50, 44,
    105, 51, 57, 51, 44, 105, 51, 57, 52, 44, 105, 51, 57, 53, 44, 105, 51, 57,
    54, 44, 105, 51, 57, 55, 44, 105, 51, 57, 56, 44, 105, 51, 57, 57, 44, 105,
    52, 48, 48, 44, 105, 52, 48, 49, 44, 105, 52, 48, 50, 44, 105, 52, 48, 51,
    44, 105, 52, 48, 52, 44, 105, 52, 48, 53, 44, 105, 52, 48, 54, 44, 105, 52,
    48, 55, 44, 105, 52, 48, 56, 44, 105, 52, 48, 57, 44, 105, 52, 49, 48, 44,
    105, 52, 49, 49, 44, 105, 52, 49, 50, 44, 105, 52, 49, 51, 44, 105, 52, 49,
    52, 44, 105, 52, 49, 53, 44, 105, 52, 49, 54, 44, 105, 52, 49, 55, 44, 105,
    52, 49, 56, 44, 105, 52, 49, 57, 44, 105, 52, 50, 48, 44, 105, 52, 50, 49,
    44, 105, 52, 50, 50, 44, 105, 52, 50, 51, 44, 105, 52, 50, 52, 44, 105, 52,
    50, 53, 44, 105, 52, 50, 54, 44, 105, 52, 50, 55, 44, 105, 52, 50, 56, 44,
    105, 52, 50, 57, 44, 105, 52, 51, 48, 44, 105, 52, 51, 49, 44, 105, 52, 51,
    50, 44, 105, 52, 51, 51, 44, 105, 52, 51, 52, 44, 105, 52, 51, 53, 44, 105,
    52, 51, 54, 44, 105, 52, 51, 55, 44, 105, 52, 51, 56, 44, 105, 52, 51, 57,
    44, 105, 52, 52, 48, 44, 105, 52, 52, 49, 44, 105, 52, 52, 50, 44, 105, 52,
    52, 51, 44, 105, 52, 52, 52, 44, 105, 52, 52, 53, 44, 105, 52, 52, 54, 44,
    105, 52, 52, 55, 44, 105, 52, 52, 56, 44, 105, 52, 52, 57, 44, 105, 52, 53,
    48, 44, 105, 52, 53, 49, 44, 105, 52, 53, 50, 44, 105, 52, 53, 51, 44, 105,
    52, 53, 52, 44, 105, 52, 53, 53, 44, 105, 52, 53, 54, 44, 105, 52, 53, 55,
    44, 105, 52, 53, 56, 44, 105, 52, 53, 57, 44, 105, 52, 54, 48, 44, 105, 52,
    54, 49, 44, 105, 52, 54, 50, 44, 105, 52, 54, 51, 44, 105, 52, 54, 52, 44,
    105, 52, 54, 53, 44, 105, 52, 54, 54, 44, 105, 52, 54, 55, 44, 105, 52, 54,
    56, 44, 105, 52, 54, 57, 44, 105, 52, 55, 48, 44, 105, 52, 55, 49, 44, 105,
    52, 55, 50, 44, 105, 52, 55, 51, 44, 105, 52, 55, 52, 44, 105, 52, 55, 53,
    44, 105, 52, 55, 54, 44, 105, 52, 55, 55, 44, 105, 52, 55, 56, 44, 105, 52,
    55, 57, 44, 105, 52, 56, 48, 44, 105, 52, 56, 49, 44, 105, 52, 56, 50, 44,
    105, 52, 56, 51, 44, 105, 52, 56, 52, 44, 105, 52, 56, 53, 44, 105, 52, 56,
    54, 44, 105, 52, 56, 55, 44, 105, 52, 56, 56, 44, 105, 52, 56, 57, 44, 105,
    52, 57, 48, 44, 105, 52, 57, 49, 44, 105, 52, 57, 50, 44, 105, 52, 57, 51,
    44, 105, 52, 57, 52, 44, 105, 52, 57, 53, 44, 105, 52, 57, 54, 44, 105, 52,
    57, 55, 44, 105, 52, 57, 56, 44, 105, 52, 57, 57, 44, 105, 53, 48, 48, 44,
    105, 53, 48, 49, 44, 105, 53, 48, 50, 44, 105, 53, 48, 51, 44, 105, 53, 48,
    52, 44, 105, 53, 48, 53, 44, 105, 53, 48, 54, 44, 105, 53, 48, 55, 44, 105,
    53, 48, 56, 44, 105, 53, 48, 57, 44, 105, 53, 49, 48, 44, 105, 53, 49, 49,
    44, 105, 53, 49, 50, 44, 105, 53, 49, 51, 44, 105, 53, 49, 52, 44, 105, 53,
    49, 53, 44, 105, 53, 49, 54, 44, 105, 53, 49, 55, 44, 105, 53, 49, 56, 44,
    105, 53, 49, 57, 44, 105, 53, 50, 48, 44, 105, 53, 50, 49, 44, 105, 53, 50,
    50, 44, 105, 53, 50, 51, 44, 105, 53, 50, 52, 44, 105, 53, 50, 53, 44, 105,
    53, 50, 54, 44, 105, 53, 50, 55, 44, 105, 53, 50, 56, 44, 105, 53, 50, 57,
    44, 105, 53, 51, 48, 44, 105, 53, 51, 49, 44, 105, 53, 51, 50, 44, 105, 53,
    51, 51, 44, 105, 53, 51, 52, 44, 105, 53, 51, 53, 44, 105, 53, 51, 54, 44,
    105, 53, 51, 55, 44, 105, 53, 51, 56, 44, 105, 53, 51, 57, 44, 105, 53, 52,
    48, 44, 105, 53, 52, 49, 44, 105, 53, 52, 50, 44, 105, 53, 52, 51, 44, 105,
    53, 52, 52, 44, 105, 53, 52, 53, 44, 105, 53, 52, 54, 44, 105, 53, 52, 55,
    44, 105, 53, 52, 56, 44, 105, 53, 52, 57, 44, 105, 53, 53, 48, 44, 105, 53,
    53, 49, 44, 105, 53, 53, 50, 44, 105, 53, 53, 51, 44, 105, 53, 53, 52, 44,
    105, 53, 53, 53, 44, 105, 53, 53, 54, 44, 105, 53, 53, 55, 44, 105, 53, 53,
    56, 44, 105, 53, 53, 57, 44, 105, 53, 54, 48, 44, 105, 53, 54, 49, 44, 105,
    53, 54, 50, 44, 105, 53, 54, 51, 44, 105, 53, 54, 52, 44, 105, 53, 54, 53,
    44, 105, 53, 54, 54, 44, 105, 53, 54, 55, 44, 105, 53, 54, 56, 44, 105, 53,
    54, 57, 44, 105, 53, 55, 48, 44, 105, 53, 55, 49, 44, 105, 53, 55, 50, 44,
    105, 53, 55, 51, 44, 105, 53, 55, 52, 44, 105, 53, 55, 53, 44, 105, 53, 55,
    54, 44, 105, 53, 55, 55, 44, 105, 53, 55, 56, 44, 105, 53, 55, 57, 44, 105,
    53, 56, 48, 44, 105, 53, 56, 49, 44, 105, 53, 56, 50, 44, 105, 53, 56, 51,
    44, 105, 53, 56, 52, 44, 105, 53, 56, 53, 44, 105, 53, 56, 54, 44, 105, 53,
    56, 55, 44, 105, 53, 56, 56, 44, 105, 53, 56, 57, 44, 105, 53, 57, 48, 44,
    105, 53, 57, 49, 44, 105, 53, 57, 50, 44, 105, 53, 57, 51, 44, 105, 53, 57,
    52, 44, 105, 53, 57, 53, 44, 105, 53, 57, 54, 44, 105, 53, 57, 55, 44, 105,
    53, 57, 56, 44, 105, 53, 57, 57, 44, 105, 54, 48, 48, 44, 105, 54, 48, 49,
    44, 105, 54, 48, 50, 44, 105, 54, 48, 51, 44, 105, 54, 48, 52, 44, 105, 54,
    48, 53, 44, 105, 54, 48, 54, 44, 105, 54, 48, 55, 44, 105, 54, 48, 56, 44,
    105, 54, 48, 57, 44, 105, 54, 49, 48, 44, 105, 54, 49, 49, 44, 105, 54, 49,
    50, 44, 105, 54, 49, 51, 44, 105, 54, 49, 52, 44, 105, 54, 49, 53, 44, 105,
    54, 49, 54, 44, 105, 54, 49, 55, 44, 105, 54, 49, 56, 44, 105, 54, 49, 57,
    44, 105, 54, 50, 48, 44, 105, 54, 50, 49, 44, 105, 54, 50, 50, 44, 105, 54,
    50, 51, 44, 105, 54, 50, 52, 44, 105, 54, 50, 53, 44, 105, 54, 50, 54, 44,
    105, 54, 50, 55, 44, 105, 54, 50, 56, 44, 105, 54, 50, 57, 44, 105, 54, 51,
    48, 44, 105, 54, 51, 49, 44, 105, 54, 51, 50, 44, 105, 54, 51, 51, 44, 105,
    54, 51, 52, 44, 105, 54, 51, 53, 44, 105, 54, 51, 54, 44, 105, 54, 51, 55,
    44, 105, 54, 51, 56, 44, 105, 54, 51, 57, 44, 105, 54, 52, 48, 44, 105, 54,
    52, 49, 44, 105, 54, 52, 50, 44, 105, 54, 52, 51, 44, 105, 54, 52, 52, 44,
    105, 54, 52, 53, 44, 105, 54, 52, 54, 44, 105, 54, 52, 55, 44, 105, 54, 52,
    56, 44, 105, 54, 52, 57, 44, 105, 54, 53, 48, 44, 105, 54, 53, 49, 44, 105,
    54, 53, 50, 44, 105, 54, 53, 51, 44, 105, 54, 53, 52, 44, 105, 54, 53, 53,
    44, 105, 54, 53, 54, 44, 105, 54, 53, 55, 44, 105, 54, 53, 56, 44, 105, 54,
    53, 57, 44, 105, 54, 54, 48, 44, 105, 54, 54, 49, 44, 105, 54, 54, 50, 44,
    105, 54, 54, 51, 44, 105, 54, 54, 52, 44, 105, 54, 54, 53, 44, 105, 54, 54,
    54, 44, 105, 54, 54, 55, 44, 105, 54, 54, 56, 44, 105, 54, 54, 57, 44, 105,
    54, 55, 48, 44, 105, 54, 55, 49, 44, 105, 54, 55, 50, 44, 105, 54, 55, 51,
    44, 105, 54, 55, 52, 44, 105, 54, 55, 53, 44, 105, 54, 55, 54, 44, 105, 54,
    55, 55, 44, 105, 54, 55, 56, 44, 105, 54, 55, 57, 44, 105, 54, 56, 48, 44,
    105, 54, 56, 49, 44, 105, 54, 56, 50, 44, 105, 54, 56, 51, 44, 105, 54, 56,
    52, 44, 105, 54, 56, 53, 44, 105, 54, 56, 54, 44, 105, 54, 56, 55, 44, 105,
    54, 56, 56, 44, 105, 54, 56, 57, 44, 105, 54, 57, 48, 44, 105, 54, 57, 49,
    44, 105, 54, 57, 50, 44, 105, 54, 57, 51, 44, 105, 54, 57, 52, 44, 105, 54,
    57, 53, 44, 105, 54, 57, 54, 44, 105, 54, 57, 55, 44, 105, 54, 57, 56, 44,
    105, 54, 57, 57, 44, 105, 55, 48, 48, 44, 105, 55, 48, 49, 44, 105, 55, 48,
    50, 44, 105, 55, 48, 51, 44, 105, 55, 48, 52, 44, 105, 55, 48, 53, 44, 105,
    55, 48, 54, 44, 105, 55, 48, 55, 44, 105, 55, 48, 56, 44, 105, 55, 48, 57,
    44, 105, 55, 49, 48, 44, 105, 55, 49, 49, 44, 105, 55, 49, 50, 44, 105, 55,
    49, 51, 44, 105, 55, 49, 52, 44, 105, 55, 49, 53, 44, 105, 55, 49, 54, 44,
    105, 55, 49, 55, 44, 105, 55, 49, 56, 44, 105, 55, 49, 57, 44, 105, 55, 50,
    48, 44, 105, 55, 50, 49, 44, 105, 55, 50, 50, 44, 105, 55, 50, 51, 44, 105,
    55, 50, 52, 44, 105, 55, 50, 53, 44, 105, 55, 50, 54, 44, 105, 55, 50, 55,
    44, 105, 55, 50, 56, 44, 105, 55, 50, 57, 44, 105, 55, 51, 48, 44, 105, 55,
    51, 49, 44, 105, 55, 51, 50, 44, 105, 55, 51, 51, 44, 105, 55, 51, 52, 44,
    105, 55, 51, 53, 44, 105, 55, 51, 54, 44, 105, 55, 51, 55, 44, 105, 55, 51,
    56, 44, 105, 55, 51, 57, 44, 105, 55, 52, 48, 44, 105, 55, 52, 49, 44, 105,
    55, 52, 50, 44, 105, 55, 52, 51, 44, 105, 55, 52, 52, 44, 105, 55, 52, 53,
    44, 105, 55, 52, 54, 44, 105, 55, 52, 55, 44, 105, 55, 52, 56, 44, 105, 55,
    52, 57, 44, 105, 55, 53, 48, 44, 105, 55, 53, 49, 44, 105, 55, 53, 50, 44,
    105, 55, 53, 51, 44, 105, 55, 53, 52, 44, 105, 55, 53, 53, 44, 105, 55, 53,
    54, 44, 105, 55, 53, 55, 44, 105, 55, 53, 56, 44, 105, 55, 53, 57, 44, 105,
    55, 54, 48, 44, 105, 55, 54, 49, 44, 105, 55, 54, 50, 44, 105, 55, 54, 51,
    44, 105, 55, 54, 52, 44, 105, 55, 54, 53, 44, 105, 55, 54, 54, 44, 105, 55,
    54, 55, 44, 105, 55, 54, 56, 44, 105, 55, 54, 57, 44, 105, 55, 55, 48, 44,
    105, 55, 55, 49, 44, 105, 55, 55, 50, 44, 105, 55, 55, 51, 44, 105, 55, 55,
    52, 44, 105, 55, 55, 53, 44, 105, 55, 55, 54, 44, 105, 55, 55, 55, 44, 105,
    55, 55, 56, 44, 105, 55, 55, 57, 44, 105, 55, 56, 48, 44, 105, 55, 56, 49,
    44, 105, 55, 56, 50, 44, 105, 55, 56, 51, 44, 105, 55, 56, 52, 44, 105, 55,
    56, 53, 44, 105, 55, 56, 54, 44, 105, 55, 56, 55, 44, 105, 55, 56, 56, 44,
    105, 55, 56, 57, 44, 105, 55, 57, 48, 44, 105, 55, 57, 49, 44, 105, 55, 57,
    50, 44, 105, 55, 57, 51, 44, 105, 55, 57, 52, 44, 105, 55, 57, 53, 44, 105,
    55, 57, 54, 44, 105, 55, 57, 55, 44, 105, 55, 57, 56, 44, 105, 55, 57, 57,
    44, 105, 56, 48, 48, 44, 105, 56, 48, 49, 44, 105, 56, 48, 50, 44, 105, 56,
    48, 51, 44, 105, 56, 48, 52, 44, 105, 56, 48, 53, 44, 105, 56, 48, 54, 44,
    105, 56, 48, 55, 44, 105, 56, 48, 56, 44, 105, 56, 48, 57, 44, 105, 56, 49,
    48, 44, 105, 56, 49, 49, 44, 105, 56, 49, 50, 44, 105, 56, 49, 51, 44, 105,
    56, 49, 52, 44, 105, 56, 49, 53, 44, 105, 56, 49, 54, 44, 105, 56, 49, 55,
    44, 105, 56, 49, 56, 44, 105, 56, 49, 57, 44, 105, 56, 50, 48, 44, 105, 56,
    50, 49, 44, 105, 56, 50, 50, 44, 105, 56, 50, 51, 44, 105, 56, 50, 52, 44,
    105, 56, 50, 53, 44, 105, 56, 50, 54, 44, 105, 56, 50, 55, 44, 105, 56, 50,
    56, 44, 105, 56, 50, 57, 44, 105, 56, 51, 48, 44, 105, 56, 51, 49, 44, 105,
    56, 51, 50, 44, 105, 56, 51, 51, 44, 105, 56, 51, 52, 44, 105, 56, 51, 53,
    44, 105, 56, 51, 54, 44, 105, 56, 51, 55, 44, 105, 56, 51, 56, 44, 105, 56,
    51, 57, 44, 105, 56, 52, 48, 44, 105, 56, 52, 49, 44, 105, 56, 52, 50, 44,
    105, 56, 52, 51, 44, 105, 56, 52, 52, 44, 105, 56, 52, 53, 44, 105, 56, 52,
    54, 44, 105, 56, 52, 55, 44, 105, 56, 52, 56, 44, 105, 56, 52, 57, 44, 105,
    56, 53, 48, 44, 105, 56, 53, 49, 44, 105, 56, 53, 50, 44, 105, 56, 53, 51,
    44, 105, 56, 53, 52, 44, 105, 56, 53, 53, 44, 105, 56, 53, 54, 44, 105, 56,
    53, 55, 44, 105, 56, 53, 56, 44, 105, 56, 53, 57, 44, 105, 56, 54, 48, 44,
    105, 56, 54, 49, 44, 105, 56, 54, 50, 44, 105, 56, 54, 51, 44, 105, 56, 54,
    52, 44, 105, 56, 54, 53, 44, 105, 56, 54, 54, 44, 105, 56, 54, 55, 44, 105,
    56, 54, 56, 44, 105, 56, 54, 57, 44, 105, 56, 55, 48, 44, 105, 56, 55, 49,
    44, 105, 56, 55, 50, 44, 105, 56, 55, 51, 44, 105, 56, 55, 52, 44, 105, 56,
    55, 53, 44, 105, 56, 55, 54, 44, 105, 56, 55, 55, 44, 105, 56, 55, 56, 44,
    105, 56, 55, 57, 44, 105, 56, 56, 48, 44, 105, 56, 56, 49, 44, 105, 56, 56,
    50, 44, 105, 56, 56, 51, 44, 105, 56, 56, 52, 44, 105, 56, 56, 53, 44, 105,
    56, 56, 54, 44, 105, 56, 56, 55, 44, 105, 56, 56, 56, 44, 105, 56, 56, 57,
    44, 105, 56, 57, 48, 44, 105, 56, 57, 49, 44, 105, 56, 57, 50, 44, 105, 56,
    57, 51, 44, 105, 56, 57, 52, 44, 105, 56, 57, 53, 44, 105, 56, 57, 54, 44,
    105, 56, 57, 55, 44, 105, 56, 57, 56, 44, 105, 56, 57, 57, 44, 105, 57, 48,
    48, 44, 105, 57, 48, 49, 44, 105, 57, 48, 50, 44, 105, 57, 48, 51, 44, 105,
    57, 48, 52, 44, 105, 57, 48, 53, 44, 105, 57, 48, 54, 44, 105, 57, 48, 55,
    44, 105, 57, 48, 56, 44, 105, 57, 48, 57, 44, 105, 57, 49, 48, 44, 105, 57,
    49, 49, 44, 105, 57, 49, 50, 44, 105, 57, 49, 51, 44, 105, 57, 49, 52, 44,
    105, 57, 49, 53, 44, 105, 57, 49, 54, 44, 105, 57, 49, 55, 44, 105, 57, 49,
    56, 44, 105, 57, 49, 57, 44, 105, 57, 50, 48, 44, 105, 57, 50, 49, 44, 105,
    57, 50, 50, 44, 105, 57, 50, 51, 44, 105, 57, 50, 52, 44, 105, 57, 50, 53,
    44, 105, 57, 50, 54, 44, 105, 57, 50, 55, 44, 105, 57, 50, 56, 44, 105, 57,
    50, 57, 44, 105, 57, 51, 48, 44, 105, 57, 51, 49, 44, 105, 57, 51, 50, 44,
    105, 57, 51, 51, 44, 105, 57, 51, 52, 44, 105, 57, 51, 53, 44, 105, 57, 51,
    54, 44, 105, 57, 51, 55, 44, 105, 57, 51, 56, 44, 105, 57, 51, 57, 44, 105,
    57, 52, 48, 44, 105, 57, 52, 49, 44, 105, 57, 52, 50, 44, 105, 57, 52, 51,
    44, 105, 57, 52, 52, 44, 105, 57, 52, 53, 44, 105, 57, 52, 54, 44, 105, 57,
    52, 55, 44, 105, 57, 52, 56, 44, 105, 57, 52, 57, 44, 105, 57, 53, 48, 44,
    105, 57, 53, 49, 44, 105, 57, 53, 50, 44, 105, 57, 53, 51, 44, 105, 57, 53,
    52, 44, 105, 57, 53, 53, 44, 105, 57, 53, 54, 44, 105, 57, 53, 55, 44, 105,
    57, 53, 56, 44, 105, 57, 53, 57, 44, 105, 57, 54, 48, 44, 105, 57, 54, 49,
    44, 105, 57, 54, 50, 44, 105, 57, 54, 51, 44, 105, 57, 54, 52, 44, 105, 57,
    54, 53, 44, 105, 57, 54, 54, 44, 105, 57, 54, 55, 44, 105, 57, 54, 56, 44,
    105, 57, 54, 57, 44, 105, 57, 55, 48, 44, 105, 57, 55, 49, 44, 105, 57, 55,
    50, 44, 105, 57, 55, 51, 44, 105, 57, 55, 52, 44, 105, 57, 55, 53, 44, 105,
    57, 55, 54, 44, 105, 57, 55, 55, 44, 105, 57, 55, 56, 44, 105, 57, 55, 57,
    44, 105, 57, 56, 48, 44, 105, 57, 56, 49, 44, 105, 57, 56, 50, 44, 105, 57,
    56, 51, 44, 105, 57, 56, 52, 44, 105, 57, 56, 53, 44, 105, 57, 56, 54, 44,
    105, 57, 56, 55, 44, 105, 57, 56, 56, 44, 105, 57, 56, 57, 44, 105, 57, 57,
    48, 44, 105, 57, 57, 49, 44, 105, 57, 57, 50, 44, 105, 57, 57, 51, 44, 105,
    57, 57, 52, 44, 105, 57, 57, 53, 44, 105, 57, 57, 54, 44, 105, 57, 57, 55,
    44, 105, 57, 57, 56, 44, 105, 57, 57, 57, 44, 105, 49, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_283[] = {
    128, 5, 149, 194, 10, 0, 0, 0, 0, 0, 0, 93, 148, 40, 75, 0, 75, 1, 75, 2,
    75, 3, 75, 4, 75, 5, 75, 6, 75, 7, 75, 8, 75, 9, 75, 10, 75, 11, 75, 12,
    75, 13, 75, 14, 75, 15, 75, 16, 75, 17, 75, 18, 75, 19, 75, 20, 75, 21, 75,
    22, 75, 23, 75, 24, 75, 25, 75, 26, 75, 27, 75, 28, 75, 29, 75, 30, 75, 31,
    75, 32, 75, 33, 75, 34, 75, 35, 75, 36, 75, 37, 75, 38, 75, 39, 75, 40, 75,
    41, 75, 42, 75, 43, 75, 44, 75, 45, 75, 46, 75, 47, 75, 48, 75, 49, 75, 50,
    75, 51, 75, 52, 75, 53, 75, 54, 75, 55, 75, 56, 75, 57, 75, 58, 75, 59, 75,
    60, 75, 61, 75, 62, 75, 63, 75, 64, 75, 65, 75, 66, 75, 67, 75, 68, 75, 69,
    75, 70, 75, 71, 75, 72, 75, 73, 75, 74, 75, 75, 75, 76, 75, 77, 75, 78, 75,
    79, 75, 80, 75, 81, 75, 82, 75, 83, 75, 84, 75, 85, 75, 86, 75, 87, 75, 88,
    75, 89, 75, 90, 75, 91, 75, 92, 75, 93, 75, 94, 75, 95, 75, 96, 75, 97, 75,
    98, 75, 99, 75, 100, 75, 101, 75, 102, 75, 103, 75, 104, 75, 105, 75, 106,
    75, 107, 75, 108, 75, 109, 75, 110, 75, 111, 75, 112, 75, 113, 75, 114, 75,
    115, 75, 116, 75, 117, 75, 118, 75, 119, 75, 120, 75, 121, 75, 122, 75,
    123, 75, 124, 75, 125, 75, 126, 75, 127, 75, 128, 75, 129, 75, 130, 75,
    131, 75, 132, 75, 133, 75, 134, 75, 135, 75, 136, 75, 137, 75, 138, 75,
    139, 75, 140, 75, 141, 75, 142, 75, 143, 75, 144, 75, 145, 75, 146, 75,
    147, 75, 148, 75, 149, 75, 150, 75, 151, 75, 152, 75, 153, 75, 154, 75,
    155, 75, 156, 75, 157, 75, 158, 75, 159, 75, 160, 75, 161, 75, 162, 75,
    163, 75, 164, 75, 165, 75, 166, 75, 167, 75, 168, 75, 169, 75, 170, 75,
    171, 75, 172, 75, 173, 75, 174, 75, 175, 75, 176, 75, 177, 75, 178, 75,
    179, 75, 180, 75, 181, 75, 182, 75, 183, 75, 184, 75, 185, 75, 186, 75,
    187, 75, 188, 75, 189, 75, 190, 75, 191, 75, 192, 75, 193, 75, 194, 75,
    195, 75, 196, 75, 197, 75, 198, 75, 199, 75, 200, 75, 201, 75, 202, 75,
    203, 75, 204, 75, 205, 75, 206, 75, 207, 75, 208, 75, 209, 75, 210, 75,
    211, 75, 212, 75, 213, 75, 214, 75, 215, 75, 216, 75, 217, 75, 218, 75,
    219, 75, 220, 75, 221, 75, 222, 75, 223, 75, 224, 75, 225, 75, 226, 75,
    227, 75, 228, 75, 229, 75, 230, 75, 231, 75, 232, 75, 233, 75, 234, 75,
    235, 75, 236, 75, 237, 75, 238, 75, 239, 75, 240, 75, 241, 75, 242, 75,
    243, 75, 244, 75, 245, 75, 246, 75, 247, 75, 248, 75, 249, 75, 250, 75,
    251, 75, 252, 75, 253, 75, 254, 75, 255, 77, 0, 1, 77, 1, 1, 77, 2, 1, 77,
    3, 1, 77, 4, 1, 77, 5, 1, 77, 6, 1, 77, 7, 1, 77, 8, 1, 77, 9, 1, 77, 10,
    1, 77, 11, 1, 77, 12, 1, 77, 13, 1, 77, 14, 1, 77, 15, 1, 77, 16, 1, 77,
    17, 1, 77, 18, 1, 77, 19, 1, 77, 20, 1, 77, 21, 1, 77, 22, 1, 77, 23, 1,
    77, 24, 1, 77, 25, 1, 77, 26, 1, 77, 27, 1, 77, 28, 1, 77, 29, 1, 77, 30,
    1, 77, 31, 1, 77, 32, 1, 77, 33, 1, 77, 34, 1, 77, 35, 1, 77, 36, 1, 77,
    37, 1, 77, 38, 1, 77, 39, 1, 77, 40, 1, 77, 41, 1, 77, 42, 1, 77, 43, 1,
    77, 44, 1, 77, 45, 1, 77, 46, 1, 77, 47, 1, 77, 48, 1, 77, 49, 1, 77, 50,
    1, 77, 51, 1, 77, 52, 1, 77, 53, 1, 77, 54, 1, 77, 55, 1, 77, 56, 1, 77,
    57, 1, 77, 58, 1, 77, 59, 1, 77, 60, 1, 77, 61, 1, 77, 62, 1, 77, 63, 1,
    77, 64, 1, 77, 65, 1, 77, 66, 1, 77, 67, 1, 77, 68, 1, 77, 69, 1, 77, 70,
    1, 77, 71, 1, 77, 72, 1, 77, 73, 1, 77, 74, 1, 77, 75, 1, 77, 76, 1, 77,
    77, 1, 77, 78, 1, 77, 79, 1, 77, 80, 1, 77, 81, 1, 77, 82, 1, 77, 83, 1,
    77, 84, 1, 77, 85, 1, 77, 86, 1, 77, 87, 1, 77, 88, 1, 77, 89, 1, 77, 90,
    1, 77, 91, 1, 77, 92, 1, 77, 93, 1, 77, 94, 1, 77, 95, 1, 77, 96, 1, 77,
    97, 1, 77, 98, 1, 77, 99, 1, 77, 100, 1, 77, 101, 1, 77, 102, 1, 77, 103,
    1, 77, 104, 1, 77, 105, 1, 77, 106, 1, 77, 107, 1, 77, 108, 1, 77, 109, 1,
    77, 110, 1, 77, 111, 1, 77, 112, 1, 77, 113, 1, 77, 114, 1, 77, 115, 1, 77,
    116, 1, 77, 117, 1, 77, 118, 1, 77, 119, 1, 77, 120, 1, 77, 121, 1, 77,
    122, 1, 77, 123, 1, 77, 124, 1, 77, 125, 1, 77, 126, 1, 77, 127, 1, 77,
    128, 1, 77, 129, 1, 77, 130, 1, 77, 131, 1, 77, 132, 1, 77, 133, 1, 77,
    134, 1, 77, 135, 1, 77, 136, 1, 77, 137, 1, 77, 138, 1, 77, 139, 1, 77,
    140, 1, 77, 141, 1, 77, 142, 1, 77, 143, 1, 77, 144, 1, 77, 145, 1, 77,
    146, 1, 77, 147, 1, 77, 148, 1, 77, 149, 1, 77, 150, 1, 77, 151, 1, 77,
    152, 1, 77, 153, 1, 77, 154, 1, 77, 155, 1, 77, 156, 1, 77, 157, 1, 77,
    158, 1, 77, 159, 1, 77, 160, 1, 77, 161, 1, 77, 162, 1, 77, 163, 1, 77,
    164, 1, 77, 165, 1, 77, 166, 1, 77, 167, 1, 77, 168, 1, 77, 169, 1, 77,
    170, 1, 77, 171, 1, 77, 172, 1, 77, 173, 1, 77, 174, 1, 77, 175, 1, 77,
    176, 1, 77, 177, 1, 77, 178, 1, 77, 179, 1, 77, 180, 1, 77, 181, 1, 77,
    182, 1, 77, 183, 1, 77, 184, 1, 77, 185, 1, 77, 186, 1, 77, 187, 1, 77,
    188, 1, 77, 189, 1, 77, 190, 1, 77, 191, 1, 77, 192, 1, 77, 193, 1, 77,
    194, 1, 77, 195, 1, 77, 196, 1, 77, 197, 1, 77, 198, 1, 77, 199, 1, 77,
    200, 1, 77, 201, 1, 77, 202, 1, 77, 203, 1, 77, 204, 1, 77, 205, 1, 77,
    206, 1, 77, 207, 1, 77, 208, 1, 77, 209, 1, 77, 210, 1, 77, 211, 1, 77,
    212, 1, 77, 213, 1, 77, 214, 1, 77, 215, 1, 77, 216, 1, 77, 217, 1, 77,
    218, 1, 77, 219, 1, 77, 220, 1, 77, 221, 1, 77, 222, 1, 77, 223, 1, 77,
    224, 1, 77, 225, 1, 77, 226, 1, 77, 227, 1, 77, 228, 1, 77, 229, 1, 77,
    230, 1, 77, 231, 1, 77, 232, 1, 77, 233, 1, 77, 234, 1, 77, 235, 1, 77,
    236, 1, 77, 237, 1, 77, 238, 1, 77, 239, 1, 77, 240, 1, 77, 241, 1, 77,
    242, 1, 77, 243, 1, 77, 244, 1, 77, 245, 1, 77, 246, 1, 77, 247, 1, 77,
    248, 1, 77, 249, 1, 77, 250, 1, 77, 251, 1, 77, 252, 1, 77, 253, 1, 77,
    254, 1, 77, 255, 1, 77, 0, 2, 77, 1, 2, 77, 2, 2, 77, 3, 2, 77, 4, 2, 77,
    5, 2, 77, 6, 2, 77, 7, 2, 77, 8, 2, 77, 9, 2, 77, 10, 2, 77, 11, 2, 77, 12,
    2, 77, 13, 2, 77, 14, 2, 77, 15, 2, 77, 16, 2, 77, 17, 2, 77, 18, 2, 77,
    19, 2, 77, 20, 2, 77, 21, 2, 77, 22, 2, 77, 23, 2, 77, 24, 2, 77, 25, 2,
    77, 26, 2, 77, 27, 2, 77, 28, 2, 77, 29, 2, 77, 30, 2, 77, 31, 2, 77, 32,
    2, 77, 33, 2, 77, 34, 2, 77, 35, 2, 77, 36, 2, 77, 37, 2, 77, 38, 2, 77,
    39, 2, 77, 40, 2, 77, 41, 2, 77, 42, 2, 77, 43, 2, 77, 44, 2, 77, 45, 2,
    77, 46, 2, 77, 47, 2, 77, 48, 2, 77, 49, 2, 77, 50, 2, 77, 51, 2, 77, 52,
    2, 77, 53, 2, 77, 54, 2, 77, 55, 2, 77, 56, 2, 77, 57, 2, 77, 58, 2, 77,
    59, 2, 77, 60, 2, 77, 61, 2, 77, 62, 2, 77, 63, 2, 77, 64, 2, 77, 65, 2,
    77, 66, 2, 77, 67, 2, 77, 68, 2, 77, 69, 2, 77, 70, 2, 77, 71, 2, 77, 72,
    2, 77, 73, 2, 77, 74, 2, 77, 75, 2, 77, 76, 2, 77, 77, 2, 77, 78, 2, 77,
    79, 2, 77, 80, 2, 77, 81, 2, 77, 82, 2, 77, 83, 2, 77, 84, 2, 77, 85, 2,
    77, 86, 2, 77, 87, 2, 77, 88, 2, 77, 89, 2, 77, 90, 2, 77, 91, 2, 77, 92,
    2, 77, 93, 2, 77, 94, 2, 77, 95, 2, 77, 96, 2, 77, 97, 2, 77, 98, 2, 77,
    99, 2, 77, 100, 2, 77, 101, 2, 77, 102, 2, 77, 103, 2, 77, 104, 2, 77, 105,
    2, 77, 106, 2, 77, 107, 2, 77, 108, 2, 77, 109, 2, 77, 110, 2, 77, 111, 2,
    77, 112, 2, 77, 113, 2, 77, 114, 2, 77, 115, 2, 77, 116, 2, 77, 117, 2, 77,
    118, 2, 77, 119, 2, 77, 120, 2, 77, 121, 2, 77, 122, 2, 77, 123, 2, 77,
    124, 2, 77, 125, 2, 77, 126, 2, 77, 127, 2, 77, 128, 2, 77, 129, 2, 77,
    130, 2, 77, 131, 2, 77, 132, 2, 77, 133, 2, 77, 134, 2, 77, 135, 2, 77,
    136, 2, 77, 137, 2, 77, 138, 2, 77, 139, 2, 77, 140, 2, 77, 141, 2, 77,
    142, 2, 77, 143, 2, 77, 144, 2, 77, 145, 2, 77, 146, 2, 77, 147, 2, 77,
    148, 2, 77, 149, 2, 77, 150, 2, 77, 151, 2, 77, 152, 2, 77, 153, 2, 77,
    154, 2, 77, 155, 2, 77, 156, 2, 77, 157, 2, 77, 158, 2, 77, 159, 2, 77,
    160, 2, 77, 161, 2, 77, 162, 2, 77, 163, 2, 77, 164, 2, 77, 165, 2, 77,
    166, 2, 77, 167, 2, 77, 168, 2, 77, 169, 2, 77, 170, 2, 77, 171, 2, 77,
    172, 2, 77, 173, 2, 77, 174, 2, 77, 175, 2, 77, 176, 2, 77, 177, 2, 77,
    178, 2, 77, 179, 2, 77, 180, 2, 77, 181, 2, 77, 182, 2, 77, 183, 2, 77,
    184, 2, 77, 185, 2, 77, 186, 2, 77, 187, 2, 77, 188, 2, 77, 189, 2, 77,
    190, 2, 77, 191, 2, 77, 192, 2, 77, 193, 2, 77, 194, 2, 77, 195, 2, 77,
    196, 2, 77, 197, 2, 77, 198, 2, 77, 199, 2, 77, 200, 2, 77, 201, 2, 77,
    202, 2, 77, 203, 2, 77, 204, 2, 77, 205, 2, 77, 206, 2, 77, 207, 2, 77,
    208, 2, 77, 209, 2, 77, 210, 2, 77, 211, 2, 77, 212, 2, 77, 213, 2, 77,
    214, 2, 77, 215, 2, 77, 216, 2, 77, 217, 2, 77, 218, 2, 77, 219, 2, 77,
    220, 2, 77, 221, 2, 77, 222, 2, 77, 223, 2, 77, 224, 2, 77, 225, 2, 77,
    226, 2, 77, 227, 2, 77, 228, 2, 77, 229, 2, 77, 230, 2, 77, 231, 2, 77,
    232, 2, 77, 233, 2, 77, 234, 2, 77, 235, 2, 77, 236, 2, 77, 237, 2, 77,
    238, 2, 77, 239, 2, 77, 240, 2, 77, 241, 2, 77, 242, 2, 77, 243, 2, 77,
    244, 2, 77, 245, 2, 77, 246, 2, 77, 247, 2, 77, 248, 2, 77, 249, 2, 77,
    250, 2, 77, 251, 2, 77, 252, 2, 77, 253, 2, 77, 254, 2, 77, 255, 2, 77, 0,
    3, 77, 1, 3, 77, 2, 3, 77, 3, 3, 77, 4, 3, 77, 5, 3, 77, 6, 3, 77, 7, 3,
    77, 8, 3, 77, 9, 3, 77, 10, 3, 77, 11, 3, 77, 12, 3, 77, 13, 3, 77, 14, 3,
    77, 15, 3, 77, 16, 3, 77, 17, 3, 77, 18, 3, 77, 19, 3, 77, 20, 3, 77, 21,
    3, 77, 22, 3, 77, 23, 3, 77, 24, 3, 77, 25, 3, 77, 26, 3, 77, 27, 3, 77,
    28, 3, 77, 29, 3, 77, 30, 3, 77, 31, 3, 77, 32, 3, 77, 33, 3, 77, 34, 3,
    77, 35, 3, 77, 36, 3, 77, 37, 3, 77, 38, 3, 77, 39, 3, 77, 40, 3, 77, 41,
    3, 77, 42, 3, 77, 43, 3, 77, 44, 3, 77, 45, 3, 77, 46, 3, 77, 47, 3, 77,
    48, 3, 77, 49, 3, 77, 50, 3, 77, 51, 3, 77, 52, 3, 77, 53, 3, 77, 54, 3,
    77, 55, 3, 77, 56, 3, 77, 57, 3, 77, 58, 3, 77, 59, 3, 77, 60, 3, 77, 61,
    3, 77, 62, 3, 77, 63, 3, 77, 64, 3, 77, 65, 3, 77, 66, 3, 77, 67, 3, 77,
    68, 3, 77, 69, 3, 77, 70, 3, 77, 71, 3, 77, 72, 3, 77, 73, 3, 77, 74, 3,
    77, 75, 3, 77, 76, 3, 77, 77, 3, 77, 78, 3, 77, 79, 3, 77, 80, 3, 77, 81,
    3, 77, 82, 3, 77, 83, 3, 77, 84, 3, 77, 85, 3, 77, 86, 3, 77, 87, 3, 77,
    88, 3, 77, 89, 3, 77, 90, 3, 77, 91, 3, 77, 92, 3, 77, 93, 3, 77, 94, 3,
    77, 95, 3, 77, 96, 3, 77, 97, 3, 77, 98, 3, 77, 99, 3, 77, 100, 3, 77, 101,
    3, 77, 102, 3, 77, 103, 3, 77, 104, 3, 77, 105, 3, 77, 106, 3, 77, 107, 3,
    77, 108, 3, 77, 109, 3, 77, 110, 3, 77, 111, 3, 77, 112, 3, 77, 113, 3, 77,
    114, 3, 77, 115, 3, 77, 116, 3, 77, 117, 3, 77, 118, 3, 77, 119, 3, 77,
    120, 3, 77, 121, 3, 77, 122, 3, 77, 123, 3, 77, 124, 3, 77, 125, 3, 77,
    126, 3, 77, 127, 3, 77, 128, 3, 77, 129, 3, 77, 130, 3, 77, 131, 3, 77,
    132, 3, 77, 133, 3, 77, 134, 3, 77, 135, 3, 77, 136, 3, 77, 137, 3, 77,
    138, 3, 77, 139, 3, 77, 140, 3, 77, 141, 3, 77, 142, 3, 77, 143, 3, 77,
    144, 3, 77, 145, 3, 77, 146, 3, 77, 147, 3, 77, 148, 3, 77, 149, 3, 77,
    150, 3, 77, 151, 3, 77, 152, 3, 77, 153, 3, 77, 154, 3, 77, 155, 3, 77,
    156, 3, 77, 157, 3, 77, 158, 3, 77, 159, 3, 77, 160, 3, 77, 161, 3, 77,
    162, 3, 77, 163, 3, 77, 164, 3, 77, 165, 3, 77, 166, 3, 77, 167, 3, 77,
    168, 3, 77, 169, 3, 77, 170, 3, 77, 171, 3, 77, 172, 3, 77, 173, 3, 77,
    174, 3, 77, 175, 3, 77, 176, 3, 77, 177, 3, 77, 178, 3, 77, 179, 3, 77,
    180, 3, 77, 181, 3, 77, 182, 3, 77, 183, 3, 77, 184, 3, 77, 185, 3, 77,
    186, 3, 77, 187, 3, 77, 188, 3, 77, 189, 3, 77, 190, 3, 77, 191, 3, 77,
    192, 3, 77, 193, 3, 77, 194, 3, 77, 195, 3, 77, 196, 3, 77, 197, 3, 77,
    198, 3, 77, 199, 3, 77, 200, 3, 77, 201, 3, 77, 202, 3, 77, 203, 3, 77,
    204, 3, 77, 205, 3, 77, 206, 3, 77, 207, 3, 77, 208, 3, 77, 209, 3, 77,
    210, 3, 77, 211, 3, 77, 212, 3, 77, 213, 3, 77, 214, 3, 77, 215, 3, 77,
    216, 3, 77, 217, 3, 77, 218, 3, 77, 219, 3, 77, 220, 3, 77, 221, 3, 77,
    222, 3, 77, 223, 3, 77, 224, 3, 77, 225, 3, 77, 226, 3, 77, 227, 3, 77,
    228, 3, 77, 229, 3, 77, 230, 3, 77, 231, 3, 101, 40, 77, 232, 3, 101, 46,
};
static const unsigned char pv_dump_283[] = {
    91, 105, 48, 44, 105, 49, 44, 105, 50, 44, 105, 51, 44, 105, 52, 44, 105,
    53, 44, 105, 54, 44, 105, 55, 44, 105, 56, 44, 105, 57, 44, 105, 49, 48,
    44, 105, 49, 49, 44, 105, 49, 50, 44, 105, 49, 51, 44, 105, 49, 52, 44,
    105, 49, 53, 44, 105, 49, 54, 44, 105, 49, 55, 44, 105, 49, 56, 44, 105,
    49, 57, 44, 105, 50, 48, 44, 105, 50, 49, 44, 105, 50, 50, 44, 105, 50, 51,
    44, 105, 50, 52, 44, 105, 50, 53, 44, 105, 50, 54, 44, 105, 50, 55, 44,
    105, 50, 56, 44, 105, 50, 57, 44, 105, 51, 48, 44, 105, 51, 49, 44, 105,
    51, 50, 44, 105, 51, 51, 44, 105, 51, 52, 44, 105, 51, 53, 44, 105, 51, 54,
    44, 105, 51, 55, 44, 105, 51, 56, 44, 105, 51, 57, 44, 105, 52, 48, 44,
    105, 52, 49, 44, 105, 52, 50, 44, 105, 52, 51, 44, 105, 52, 52, 44, 105,
    52, 53, 44, 105, 52, 54, 44, 105, 52, 55, 44, 105, 52, 56, 44, 105, 52, 57,
    44, 105, 53, 48, 44, 105, 53, 49, 44, 105, 53, 50, 44, 105, 53, 51, 44,
    105, 53, 52, 44, 105, 53, 53, 44, 105, 53, 54, 44, 105, 53, 55, 44, 105,
    53, 56, 44, 105, 53, 57, 44, 105, 54, 48, 44, 105, 54, 49, 44, 105, 54, 50,
    44, 105, 54, 51, 44, 105, 54, 52, 44, 105, 54, 53, 44, 105, 54, 54, 44,
    105, 54, 55, 44, 105, 54, 56, 44, 105, 54, 57, 44, 105, 55, 48, 44, 105,
    55, 49, 44, 105, 55, 50, 44, 105, 55, 51, 44, 105, 55, 52, 44, 105, 55, 53,
    44, 105, 55, 54, 44, 105, 55, 55, 44, 105, 55, 56, 44, 105, 55, 57, 44,
    105, 56, 48, 44, 105, 56, 49, 44, 105, 56, 50, 44, 105, 56, 51, 44, 105,
    56, 52, 44, 105, 56, 53, 44, 105, 56, 54, 44, 105, 56, 55, 44, 105, 56, 56,
    44, 105, 56, 57, 44, 105, 57, 48, 44, 105, 57, 49, 44, 105, 57, 50, 44,
    105, 57, 51, 44, 105, 57, 52, 44, 105, 57, 53, 44, 105, 57, 54, 44, 105,
    57, 55, 44, 105, 57, 56, 44, 105, 57, 57, 44, 105, 49, 48, 48, 44, 105, 49,
    48, 49, 44, 105, 49, 48, 50, 44, 105, 49, 48, 51, 44, 105, 49, 48, 52, 44,
    105, 49, 48, 53, 44, 105, 49, 48, 54, 44, 105, 49, 48, 55, 44, 105, 49, 48,
    56, 44, 105, 49, 48, 57, 44, 105, 49, 49, 48, 44, 105, 49, 49, 49, 44, 105,
    49, 49, 50, 44, 105, 49, 49, 51, 44, 105, 49, 49, 52, 44, 105, 49, 49, 53,
    44, 105, 49, 49, 54, 44, 105, 49, 49, 55, 44, 105, 49, 49, 56, 44, 105, 49,
    49, 57, 44, 105, 49, 50, 48, 44, 105, 49, 50, 49, 44, 105, 49, 50, 50, 44,
    105, 49, 50, 51, 44, 105, 49, 50, 52, 44, 105, 49, 50, 53, 44, 105, 49, 50,
    54, 44, 105, 49, 50, 55, 44, 105, 49, 50, 56, 44, 105, 49, 50, 57, 44, 105,
    49, 51, 48, 44, 105, 49, 51, 49, 44, 105, 49, 51, 50, 44, 105, 49, 51, 51,
    44, 105, 49, 51, 52, 44, 105, 49, 51, 53, 44, 105, 49, 51, 54, 44, 105, 49,
    51, 55, 44, 105, 49, 51, 56, 44, 105, 49, 51, 57, 44, 105, 49, 52, 48, 44,
    105, 49, 52, 49, 44, 105, 49, 52, 50, 44, 105, 49, 52, 51, 44, 105, 49, 52,
    52, 44, 105, 49, 52, 53, 44, 105, 49, 52, 54, 44, 105, 49, 52, 55, 44, 105,
    49, 52, 56, 44, 105, 49, 52, 57, 44, 105, 49, 53, 48, 44, 105, 49, 53, 49,
    44, 105, 49, 53, 50, 44, 105, 49, 53, 51, 44, 105, 49, 53, 52, 44, 105, 49,
    53, 53, 44, 105, 49, 53, 54, 44, 105, 49, 53, 55, 44, 105, 49, 53, 56, 44,
    105, 49, 53, 57, 44, 105, 49, 54, 48, 44, 105, 49, 54, 49, 44, 105, 49, 54,
    50, 44, 105, 49, 54, 51, 44, 105, 49, 54, 52, 44, 105, 49, 54, 53, 44, 105,
    49, 54, 54, 44, 105, 49, 54, 55, 44, 105, 49, 54, 56, 44, 105, 49, 54, 57,
    44, 105, 49, 55, 48, 44, 105, 49, 55, 49, 44, 105, 49, 55, 50, 44, 105, 49,
    55, 51, 44, 105, 49, 55, 52, 44, 105, 49, 55, 53, 44, 105, 49, 55, 54, 44,
    105, 49, 55, 55, 44, 105, 49, 55, 56, 44, 105, 49, 55, 57, 44, 105, 49, 56,
    48, 44, 105, 49, 56, 49, 44, 105, 49, 56, 50, 44, 105, 49, 56, 51, 44, 105,
    49, 56, 52, 44, 105, 49, 56, 53, 44, 105, 49, 56, 54, 44, 105, 49, 56, 55,
    44, 105, 49, 56, 56, 44, 105, 49, 56, 57, 44, 105, 49, 57, 48, 44, 105, 49,
    57, 49, 44, 105, 49, 57, 50, 44, 105, 49, 57, 51, 44, 105, 49, 57, 52, 44,
    105, 49, 57, 53, 44, 105, 49, 57, 54, 44, 105, 49, 57, 55, 44, 105, 49, 57,
    56, 44, 105, 49, 57, 57, 44, 105, 50, 48, 48, 44, 105, 50, 48, 49, 44, 105,
    50, 48, 50, 44, 105, 50, 48, 51, 44, 105, 50, 48, 52, 44, 105, 50, 48, 53,
    44, 105, 50, 48, 54, 44, 105, 50, 48, 55, 44, 105, 50, 48, 56, 44, 105, 50,
    48, 57, 44, 105, 50, 49, 48, 44, 105, 50, 49, 49, 44, 105, 50, 49, 50, 44,
    105, 50, 49, 51, 44, 105, 50, 49, 52, 44, 105, 50, 49, 53, 44, 105, 50, 49,
    54, 44, 105, 50, 49, 55, 44, 105, 50, 49, 56, 44, 105, 50, 49, 57, 44, 105,
    50, 50, 48, 44, 105, 50, 50, 49, 44, 105, 50, 50, 50, 44, 105, 50, 50, 51,
    44, 105, 50, 50, 52, 44, 105, 50, 50, 53, 44, 105, 50, 50, 54, 44, 105, 50,
    50, 55, 44, 105, 50, 50, 56, 44, 105, 50, 50, 57, 44, 105, 50, 51, 48, 44,
    105, 50, 51, 49, 44, 105, 50, 51, 50, 44, 105, 50, 51, 51, 44, 105, 50, 51,
    52, 44, 105, 50, 51, 53, 44, 105, 50, 51, 54, 44, 105, 50, 51, 55, 44, 105,
    50, 51, 56, 44, 105, 50, 51, 57, 44, 105, 50, 52, 48, 44, 105, 50, 52, 49,
    44, 105, 50, 52, 50, 44, 105, 50, 52, 51, 44, 105, 50, 52, 52, 44, 105, 50,
    52, 53, 44, 105, 50, 52, 54, 44, 105, 50, 52, 55, 44, 105, 50, 52, 56, 44,
    105, 50, 52, 57, 44, 105, 50, 53, 48, 44, 105, 50, 53, 49, 44, 105, 50, 53,
    50, 44, 105, 50, 53, 51, 44, 105, 50, 53, 52, 44, 105, 50, 53, 53, 44, 105,
    50, 53, 54, 44, 105, 50, 53, 55, 44, 105, 50, 53, 56, 44, 105, 50, 53, 57,
    44, 105, 50, 54, 48, 44, 105, 50, 54, 49, 44, 105, 50, 54, 50, 44, 105, 50,
    54, 51, 44, 105, 50, 54, 52, 44, 105, 50, 54, 53, 44, 105, 50, 54, 54, 44,
    105, 50, 54, 55, 44, 105, 50, 54, 56, 44, 105, 50, 54, 57, 44, 105, 50, 55,
    48, 44, 105, 50, 55, 49, 44, 105, 50, 55, 50, 44, 105, 50, 55, 51, 44, 105,
    50, 55, 52, 44, 105, 50, 55, 53, 44, 105, 50, 55, 54, 44, 105, 50, 55, 55,
    44, 105, 50, 55, 56, 44, 105, 50, 55, 57, 44, 105, 50, 56, 48, 44, 105, 50,
    56, 49, 44, 105, 50, 56, 50, 44, 105, 50, 56, 51, 44, 105, 50, 56, 52, 44,
    105, 50, 56, 53, 44, 105, 50, 56, 54, 44, 105, 50, 56, 55, 44, 105, 50, 56,
    56, 44, 105, 50, 56, 57, 44, 105, 50, 57, 48, 44, 105, 50, 57, 49, 44, 105,
    50, 57, 50, 44, 105, 50, 57, 51, 44, 105, 50, 57, 52, 44, 105, 50, 57, 53,
    44, 105, 50, 57, 54, 44, 105, 50, 57, 55, 44, 105, 50, 57, 56, 44, 105, 50,
    57, 57, 44, 105, 51, 48, 48, 44, 105, 51, 48, 49, 44, 105, 51, 48, 50, 44,
    105, 51, 48, 51, 44, 105, 51, 48, 52, 44, 105, 51, 48, 53, 44, 105, 51, 48,
    54, 44, 105, 51, 48, 55, 44, 105, 51, 48, 56, 44, 105, 51, 48, 57, 44, 105,
    51, 49, 48, 44, 105, 51, 49, 49, 44, 105, 51, 49, 50, 44, 105, 51, 49, 51,
    44, 105, 51, 49, 52, 44, 105, 51, 49, 53, 44, 105, 51, 49, 54, 44, 105, 51,
    49, 55, 44, 105, 51, 49, 56, 44, 105, 51, 49, 57, 44, 105, 51, 50, 48, 44,
    105, 51, 50, 49, 44, 105, 51, 50, 50, 44, 105, 51, 50, 51, 44, 105, 51, 50,
    52, 44, 105, 51, 50, 53, 44, 105, 51, 50, 54, 44, 105, 51, 50, 55, 44, 105,
    51, 50, 56, 44, 105, 51, 50, 57, 44, 105, 51, 51, 48, 44, 105, 51, 51, 49,
    44, 105, 51, 51, 50, 44, 105, 51, 51, 51, 44, 105, 51, 51, 52, 44, 105, 51,
    51, 53, 44, 105, 51, 51, 54, 44, 105, 51, 51, 55, 44, 105, 51, 51, 56, 44,
    105, 51, 51, 57, 44, 105, 51, 52, 48, 44, 105, 51, 52, 49, 44, 105, 51, 52,
    50, 44, 105, 51, 52, 51, 44, 105, 51, 52, 52, 44, 105, 51, 52, 53, 44, 105,
    51, 52, 54, 44, 105, 51, 52, 55, 44, 105, 51, 52, 56, 44, 105, 51, 52, 57,
    44, 105, 51, 53, 48, 44, 105, 51, 53, 49, 44, 105, 51, 53, 50, 44, 105, 51,
    53, 51, 44, 105, 51, 53, 52, 44, 105, 51, 53, 53, 44, 105, 51, 53, 54, 44,
    105, 51, 53, 55, 44, 105, 51, 53, 56, 44, 105, 51, 53, 57, 44, 105, 51, 54,
    48, 44, 105, 51, 54, 49, 44, 105, 51, 54, 50, 44, 105, 51, 54, 51, 44, 105,
    51, 54, 52, 44, 105, 51, 54, 53, 44, 105, 51, 54, 54, 44, 105, 51, 54, 55,
    44, 105, 51, 54, 56, 44, 105, 51, 54, 57, 44, 105, 51, 55, 48, 44, 105, 51,
    55, 49, 44, 105, 51, 55, 50, 44, 105, 51, 55, 51, 44, 105, 51, 55, 52, 44,
    105, 51, 55, 53, 44, 105, 51, 55, 54, 44, 105, 51, 55, 55, 44, 105, 51, 55,
    56, 44, 105, 51, 55, 57, 44, 105, 51, 56, 48, 44, 105, 51, 56, 49, 44, 105,
    51, 56, 50, 44, 105, 51, 56, 51, 44, 105, 51, 56, 52, 44, 105, 51, 56, 53,
    44, 105, 51, 56, 54, 44, 105, 51, 56, 55, 44, 105, 51, 56, 56, 44, 105, 51,
    56, 57, 44, 105, 51, 57, 48, 44, 105, 51, 57, 49, 44, 105, 51, 57, 50, 44,
    105, 51, 57, 51, 44, 105, 51, 57, 52, 44, 105, 51, 57, 53, 44, 105, 51, 57,
    54, 44, 105, 51, 57, 55, 44, 105, 51, 57, 56, 44, 105, 51, 57, 57, 44, 105,
    52, 48, 48, 44, 105, 52, 48, 49, 44, 105, 52, 48, 50, 44, 105, 52, 48, 51,
    44, 105, 52, 48, 52, 44, 105, 52, 48, 53, 44, 105, 52, 48, 54, 44, 105, 52,
    48, 55, 44, 105, 52, 48, 56, 44, 105, 52, 48, 57, 44, 105, 52, 49, 48, 44,
    105, 52, 49, 49, 44, 105, 52, 49, 50, 44, 105, 52, 49, 51, 44, 105, 52, 49,
    52, 44, 105, 52, 49, 53, 44, 105, 52, 49, 54, 44, 105, 52, 49, 55, 44, 105,
    52, 49, 56, 44, 105, 52, 49, 57, 44, 105, 52, 50, 48, 44, 105, 52, 50, 49,
    44, 105, 52, 50, 50, 44, 105, 52, 50, 51, 44, 105, 52, 50, 52, 44, 105, 52,
    50, 53, 44, 105, 52, 50, 54, 44, 105, 52, 50, 55, 44, 105, 52, 50, 56, 44,
    105, 52, 50, 57, 44, 105, 52, 51, 48, 44, 105, 52, 51, 49, 44, 105, 52, 51,
    50, 44, 105, 52, 51, 51, 44, 105, 52, 51, 52, 44, 105, 52, 51, 53, 44, 105,
    52, 51, 54, 44, 105, 52, 51, 55, 44, 105, 52, 51, 56, 44, 105, 52, 51, 57,
    44, 105, 52, 52, 48, 44, 105, 52, 52, 49, 44, 105, 52, 52, 50, 44, 105, 52,
    52, 51, 44, 105, 52, 52, 52, 44, 105, 52, 52, 53, 44, 105, 52, 52, 54, 44,
    105, 52, 52, 55, 44, 105, 52, 52, 56, 44, 105, 52, 52, 57, 44, 105, 52, 53,
    48, 44, 105, 52, 53, 49, 44, 105, 52, 53, 50, 44, 105, 52, 53, 51, 44, 105,
    52, 53, 52, 44, 105, 52, 53, 53, 44, 105, 52, 53, 54, 44, 105, 52, 53, 55,
    44, 105, 52, 53, 56, 44, 105, 52, 53, 57, 44, 105, 52, 54, 48, 44, 105, 52,
    54, 49, 44, 105, 52, 54, 50, 44, 105, 52, 54, 51, 44, 105, 52, 54, 52, 44,
    105, 52, 54, 53, 44, 105, 52, 54, 54, 44, 105, 52, 54, 55, 44, 105, 52, 54,
    56, 44, 105, 52, 54, 57, 44, 105, 52, 55, 48, 44, 105, 52, 55, 49, 44, 105,
    52, 55, 50, 44, 105, 52, 55, 51, 44, 105, 52, 55, 52, 44, 105, 52, 55, 53,
    44, 105, 52, 55, 54, 44, 105, 52, 55, 55, 44, 105, 52, 55, 56, 44, 105, 52,
    55, 57, 44, 105, 52, 56, 48, 44, 105, 52, 56, 49, 44, 105, 52, 56, 50, 44,
    105, 52, 56, 51, 44, 105, 52, 56, 52, 44, 105, 52, 56, 53, 44, 105, 52, 56,
    54, 44, 105, 52, 56, 55, 44, 105, 52, 56, 56, 44, 105, 52, 56, 57, 44, 105,
    52, 57, 48, 44, 105, 52, 57, 49, 44, 105, 52, 57, 50, 44, 105, 52, 57, 51,
    44, 105, 52, 57, 52, 44, 105, 52, 57, 53, 44, 105, 52, 57, 54, 44, 105, 52,
    57, 55, 44, 105, 52, 57, 56, 44, 105, 52, 57, 57, 44, 105, 53, 48, 48, 44,
    105, 53, 48, 49, 44, 105, 53, 48, 50, 44, 105, 53, 48, 51, 44, 105, 53, 48,
    52, 44, 105, 53, 48, 53, 44, 105, 53, 48, 54, 44, 105, 53, 48, 55, 44, 105,
    53, 48, 56, 44, 105, 53, 48, 57, 44, 105, 53, 49, 48, 44, 105, 53, 49, 49,
    44, 105, 53, 49, 50, 44, 105, 53, 49, 51, 44, 105, 53, 49, 52, 44, 105, 53,
    49, 53, 44, 105, 53, 49, 54, 44, 105, 53, 49, 55, 44, 105, 53, 49, 56, 44,
    105, 53, 49, 57, 44, 105, 53, 50, 48, 44, 105, 53, 50, 49, 44, 105, 53, 50,
    50, 44, 105, 53, 50, 51, 44, 105, 53, 50, 52, 44, 105, 53, 50, 53, 44, 105,
    53, 50, 54, 44, 105, 53, 50, 55, 44, 105, 53, 50, 56, 44, 105, 53, 50, 57,
    44, 105, 53, 51, 48, 44, 105, 53, 51, 49, 44, 105, 53, 51, 50, 44, 105, 53,
    51, 51, 44, 105, 53, 51, 52, 44, 105, 53, 51, 53, 44, 105, 53, 51, 54, 44,
    105, 53, 51, 55, 44, 105, 53, 51, 56, 44, 105, 53, 51, 57, 44, 105, 53, 52,
    48, 44, 105, 53, 52, 49, 44, 105, 53, 52, 50, 44, 105, 53, 52, 51, 44, 105,
    53, 52, 52, 44, 105, 53, 52, 53, 44, 105, 53, 52, 54, 44, 105, 53, 52, 55,
    44, 105, 53, 52, 56, 44, 105, 53, 52, 57, 44, 105, 53, 53, 48, 44, 105, 53,
    53, 49, 44, 105, 53, 53, 50, 44, 105, 53, 53, 51, 44, 105, 53, 53, 52, 44,
    105, 53, 53, 53, 44, 105, 53, 53, 54, 44, 105, 53, 53, 55, 44, 105, 53, 53,
    56, 44, 105, 53, 53, 57, 44, 105, 53, 54, 48, 44, 105, 53, 54, 49, 44, 105,
    53, 54, 50, 44, 105, 53, 54, 51, 44, 105, 53, 54, 52, 44, 105, 53, 54, 53,
    44, 105, 53, 54, 54, 44, 105, 53, 54, 55, 44, 105, 53, 54, 56, 44, 105, 53,
    54, 57, 44, 105, 53, 55, 48, 44, 105, 53, 55, 49, 44, 105, 53, 55, 50, 44,
    105, 53, 55, 51, 44, 105, 53, 55, 52, 44, 105, 53, 55, 53, 44, 105, 53, 55,
    54, 44, 105, 53, 55, 55, 44, 105, 53, 55, 56, 44, 105, 53, 55, 57, 44, 105,
    53, 56, 48, 44, 105, 53, 56, 49, 44, 105, 53, 56, 50, 44, 105, 53, 56, 51,
    44, 105, 53, 56, 52, 44, 105, 53, 56, 53, 44, 105, 53, 56, 54, 44, 105, 53,
    56, 55, 44, 105, 53, 56, 56, 44, 105, 53, 56, 57, 44, 105, 53, 57, 48, 44,
    105, 53, 57, 49, 44, 105, 53, 57, 50, 44, 105, 53, 57, 51, 44, 105, 53, 57,
    52, 44, 105, 53, 57, 53, 44, 105, 53, 57, 54, 44, 105, 53, 57, 55, 44, 105,
    53, 57, 56, 44, 105, 53, 57, 57, 44, 105, 54, 48, 48, 44, 105, 54, 48, 49,
    44, 105, 54, 48, 50, 44, 105, 54, 48, 51, 44, 105, 54, 48, 52, 44, 105, 54,
    48, 53, 44, 105, 54, 48, 54, 44, 105, 54, 48, 55, 44, 105, 54, 48, 56, 44,
    105, 54, 48, 57, 44, 105, 54, 49, 48, 44, 105, 54, 49, 49, 44, 105, 54, 49,
    50, 44, 105, 54, 49, 51, 44, 105, 54, 49, 52, 44, 105, 54, 49, 53, 44, 105,
    54, 49, 54, 44, 105, 54, 49, 55, 44, 105, 54, 49, 56, 44, 105, 54, 49, 57,
    44, 105, 54, 50, 48, 44, 105, 54, 50, 49, 44, 105, 54, 50, 50, 44, 105, 54,
    50, 51, 44, 105, 54, 50, 52, 44, 105, 54, 50, 53, 44, 105, 54, 50, 54, 44,
    105, 54, 50, 55, 44, 105, 54, 50, 56, 44, 105, 54, 50, 57, 44, 105, 54, 51,
    48, 44, 105, 54, 51, 49, 44, 105, 54, 51, 50, 44, 105, 54, 51, 51, 44, 105,
    54, 51, 52, 44, 105, 54, 51, 53, 44, 105, 54, 51, 54, 44, 105, 54, 51, 55,
    44, 105, 54, 51, 56, 44, 105, 54, 51, 57, 44, 105, 54, 52, 48, 44, 105, 54,
    52, 49, 44, 105, 54, 52, 50, 44, 105, 54, 52, 51, 44, 105, 54, 52, 52, 44,
    105, 54, 52, 53, 44, 105, 54, 52, 54, 44, 105, 54, 52, 55, 44, 105, 54, 52,
    56, 44, 105, 54, 52, 57, 44, 105, 54, 53, 48, 44, 105, 54, 53, 49, 44, 105,
    54, 53, 50, 44, 105, 54, 53, 51, 44, 105, 54, 53, 52, 44, 105, 54, 53, 53,
    44, 105, 54, 53, 54, 44, 105, 54, 53, 55, 44, 105, 54, 53, 56, 44, 105, 54,
    53, 57, 44, 105, 54, 54, 48, 44, 105, 54, 54, 49, 44, 105, 54, 54, 50, 44,
    105, 54, 54, 51, 44, 105, 54, 54, 52, 44, 105, 54, 54, 53, 44, 105, 54, 54,
    54, 44, 105, 54, 54, 55, 44, 105, 54, 54, 56, 44, 105, 54, 54, 57, 44, 105,
    54, 55, 48, 44, 105, 54, 55, 49, 44, 105, 54, 55, 50, 44, 105, 54, 55, 51,
    44, 105, 54, 55, 52, 44, 105, 54, 55, 53, 44, 105, 54, 55, 54, 44, 105, 54,
    55, 55, 44, 105, 54, 55, 56, 44, 105, 54, 55, 57, 44, 105, 54, 56, 48, 44,
    105, 54, 56, 49, 44, 105, 54, 56, 50, 44, 105, 54, 56, 51, 44, 105, 54, 56,
    52, 44, 105, 54, 56, 53, 44, 105, 54, 56, 54, 44, 105, 54, 56, 55, 44, 105,
    54, 56, 56, 44, 105, 54, 56, 57, 44, 105, 54, 57, 48, 44, 105, 54, 57, 49,
    44, 105, 54, 57, 50, 44, 105, 54, 57, 51, 44, 105, 54, 57, 52, 44, 105, 54,
    57, 53, 44, 105, 54, 57, 54, 44, 105, 54, 57, 55, 44, 105, 54, 57, 56, 44,
    105, 54, 57, 57, 44, 105, 55, 48, 48, 44, 105, 55, 48, 49, 44, 105, 55, 48,
    50, 44, 105, 55, 48, 51, 44, 105, 55, 48, 52, 44, 105, 55, 48, 53, 44, 105,
    55, 48, 54, 44, 105, 55, 48, 55, 44, 105, 55, 48, 56, 44, 105, 55, 48, 57,
    44, 105, 55, 49, 48, 44, 105, 55, 49, 49, 44, 105, 55, 49, 50, 44, 105, 55,
    49, 51, 44, 105, 55, 49, 52, 44, 105, 55, 49, 53, 44, 105, 55, 49, 54, 44,
    105, 55, 49, 55, 44, 105, 55, 49, 56, 44, 105, 55, 49, 57, 44, 105, 55, 50,
    48, 44, 105, 55, 50, 49, 44, 105, 55, 50, 50, 44, 105, 55, 50, 51, 44, 105,
    55, 50, 52, 44, 105, 55, 50, 53, 44, 105, 55, 50, 54, 44, 105, 55, 50, 55,
    44, 105, 55, 50, 56, 44, 105, 55, 50, 57, 44, 105, 55, 51, 48, 44, 105, 55,
    51, 49, 44, 105, 55, 51, 50, 44, 105, 55, 51, 51, 44, 105, 55, 51, 52, 44,
    105, 55, 51, 53, 44, 105, 55, 51, 54, 44, 105, 55, 51, 55, 44, 105, 55, 51,
    56, 44, 105, 55, 51, 57, 44, 105, 55, 52, 48, 44, 105, 55, 52, 49, 44, 105,
    55, 52, 50, 44, 105, 55, 52, 51, 44, 105, 55, 52, 52, 44, 105, 55, 52, 53,
    44, 105, 55, 52, 54, 44, 105, 55, 52, 55, 44, 105, 55, 52, 56, 44, 105, 55,
    52, 57, 44, 105, 55, 53, 48, 44, 105, 55, 53, 49, 44, 105, 55, 53, 50, 44,
    105, 55, 53, 51, 44, 105, 55, 53, 52, 44, 105, 55, 53, 53, 44, 105, 55, 53,
    54, 44, 105, 55, 53, 55, 44, 105, 55, 53, 56, 44, 105, 55, 53, 57, 44, 105,
    55, 54, 48, 44, 105, 55, 54, 49, 44, 105, 55, 54, 50, 44, 105, 55, 54, 51,
    44, 105, 55, 54, 52, 44, 105, 55, 54, 53, 44, 105, 55, 54, 54, 44, 105, 55,
    54, 55, 44, 105, 55, 54, 56, 44, 105, 55, 54, 57, 44, 105, 55, 55, 48, 44,
    105, 55, 55, 49, 44, 105, 55, 55, 50, 44, 105, 55, 55, 51, 44, 105, 55, 55,
    52, 44, 105, 55, 55, 53, 44, 105, 55, 55, 54, 44, 105, 55, 55, 55, 44, 105,
    55, 55, 56, 44, 105, 55, 55, 57, 44, 105, 55, 56, 48, 44, 105, 55, 56, 49,
    44, 105, 55, 56, 50, 44, 105, 55, 56, 51, 44, 105, 55, 56, 52, 44, 105, 55,
    56, 53, 44, 105, 55, 56, 54, 44, 105, 55, 56, 55, 44, 105, 55, 56, 56, 44,
    105, 55, 56, 57, 44, 105, 55, 57, 48, 44, 105, 55, 57, 49, 44, 105, 55, 57,
    50, 44, 105, 55, 57, 51, 44, 105, 55, 57, 52, 44, 105, 55, 57, 53, 44, 105,
    55, 57, 54, 44, 105, 55, 57, 55, 44, 105, 55, 57, 56, 44, 105, 55, 57, 57,
    44, 105, 56, 48, 48, 44, 105, 56, 48, 49, 44, 105, 56, 48, 50, 44, 105, 56,
    48, 51, 44, 105, 56, 48, 52, 44, 105, 56, 48, 53, 44, 105, 56, 48, 54, 44,
    105, 56, 48, 55, 44, 105, 56, 48, 56, 44, 105, 56, 48, 57, 44, 105, 56, 49,
    48, 44, 105, 56, 49, 49, 44, 105, 56, 49, 50, 44, 105, 56, 49, 51, 44, 105,
    56, 49, 52, 44, 105, 56, 49, 53, 44, 105, 56, 49, 54, 44, 105, 56, 49, 55,
    44, 105, 56, 49, 56, 44, 105, 56, 49, 57, 44, 105, 56, 50, 48, 44, 105, 56,
    50, 49, 44, 105, 56, 50, 50, 44, 105, 56, 50, 51, 44, 105, 56, 50, 52, 44,
    105, 56, 50, 53, 44, 105, 56, 50, 54, 44, 105, 56, 50, 55, 44, 105, 56, 50,
    56, 44, 105, 56, 50, 57, 44, 105, 56, 51, 48, 44, 105, 56, 51, 49, 44, 105,
    56, 51, 50, 44, 105, 56, 51, 51, 44, 105, 56, 51, 52, 44, 105, 56, 51, 53,
    44, 105, 56, 51, 54, 44, 105, 56, 51, 55, 44, 105, 56, 51, 56, 44, 105, 56,
    51, 57, 44, 105, 56, 52, 48, 44, 105, 56, 52, 49, 44, 105, 56, 52, 50, 44,
    105, 56, 52, 51, 44, 105, 56, 52, 52, 44, 105, 56, 52, 53, 44, 105, 56, 52,
    54, 44, 105, 56, 52, 55, 44, 105, 56, 52, 56, 44, 105, 56, 52, 57, 44, 105,
    56, 53, 48, 44, 105, 56, 53, 49, 44, 105, 56, 53, 50, 44, 105, 56, 53, 51,
    44, 105, 56, 53, 52, 44, 105, 56, 53, 53, 44, 105, 56, 53, 54, 44, 105, 56,
    53, 55, 44, 105, 56, 53, 56, 44, 105, 56, 53, 57, 44, 105, 56, 54, 48, 44,
    105, 56, 54, 49, 44, 105, 56, 54, 50, 44, 105, 56, 54, 51, 44, 105, 56, 54,
    52, 44, 105, 56, 54, 53, 44, 105, 56, 54, 54, 44, 105, 56, 54, 55, 44, 105,
    56, 54, 56, 44, 105, 56, 54, 57, 44, 105, 56, 55, 48, 44, 105, 56, 55, 49,
    44, 105, 56, 55, 50, 44, 105, 56, 55, 51, 44, 105, 56, 55, 52, 44, 105, 56,
    55, 53, 44, 105, 56, 55, 54, 44, 105, 56, 55, 55, 44, 105, 56, 55, 56, 44,
    105, 56, 55, 57, 44, 105, 56, 56, 48, 44, 105, 56, 56, 49, 44, 105, 56, 56,
    50, 44, 105, 56, 56, 51, 44, 105, 56, 56, 52, 44, 105, 56, 56, 53, 44, 105,
    56, 56, 54, 44, 105, 56, 56, 55, 44, 105, 56, 56, 56, 44, 105, 56, 56, 57,
    44, 105, 56, 57, 48, 44, 105, 56, 57, 49, 44, 105, 56, 57, 50, 44, 105, 56,
    57, 51, 44, 105, 56, 57, 52, 44, 105, 56, 57, 53, 44, 105, 56, 57, 54, 44,
    105, 56, 57, 55, 44, 105, 56, 57, 56, 44, 105, 56, 57, 57, 44, 105, 57, 48,
    48, 44, 105, 57, 48, 49, 44, 105, 57, 48, 50, 44, 105, 57, 48, 51, 44, 105,
    57, 48, 52, 44, 105, 57, 48, 53, 44, 105, 57, 48, 54, 44, 105, 57, 48, 55,
    44, 105, 57, 48, 56, 44, 105, 57, 48, 57, 44, 105, 57, 49, 48, 44, 105, 57,
    49, 49, 44, 105, 57, 49, 50, 44, 105, 57, 49, 51, 44, 105, 57, 49, 52, 44,
    105, 57, 49, 53, 44, 105, 57, 49, 54, 44, 105, 57, 49, 55, 44, 105, 57, 49,
    56, 44, 105, 57, 49, 57, 44, 105, 57, 50, 48, 44, 105, 57, 50, 49, 44, 105,
    57, 50, 50, 44, 105, 57, 50, 51, 44, 105, 57, 50, 52, 44, 105, 57, 50, 53,
    44, 105, 57, 50, 54, 44, 105, 57, 50, 55, 44, 105, 57, 50, 56, 44, 105, 57,
    50, 57, 44, 105, 57, 51, 48, 44, 105, 57, 51, 49, 44, 105, 57, 51, 50, 44,
    105, 57, 51, 51, 44, 105, 57, 51, 52, 44, 105, 57, 51, 53, 44, 105, 57, 51,
    54, 44, 105, 57, 51, 55, 44, 105, 57, 51, 56, 44, 105, 57, 51, 57, 44, 105,
    57, 52, 48, 44, 105, 57, 52, 49, 44, 105, 57, 52, 50, 44, 105, 57, 52, 51,
    44, 105, 57, 52, 52, 44, 105, 57, 52, 53, 44, 105, 57, 52, 54, 44, 105, 57,
    52, 55, 44, 105, 57, 52, 56, 44, 105, 57, 52, 57, 44, 105, 57, 53, 48, 44,
    105, 57, 53, 49, 44, 105, 57, 53, 50, 44, 105, 57, 53, 51, 44, 105, 57, 53,
    52, 44, 105, 57, 53, 53, 44, 105, 57, 53, 54, 44, 105, 57, 53, 55, 44, 105,
    57, 53, 56, 44, 105, 57, 53, 57, 44, 105, 57, 54, 48, 44, 105, 57, 54, 49,
    44, 105, 57, 54, 50, 44, 105, 57, 54, 51, 44, 105, 57, 54, 52, 44, 105, 57,
    54, 53, 44, 105, 57, 54, 54, 44, 105, 57, 54, 55, 44, 105, 57, 54, 56, 44,
    105, 57, 54, 57, 44, 105, 57, 55, 48, 44, 105, 57, 55, 49, 44, 105, 57, 55,
    50, 44, 105, 57, 55, 51, 44, 105, 57, 55, 52, 44, 105, 57, 55, 53, 44, 105,
    57, 55, 54, 44, 105, 57, 55, 55, 44, 105, 57, 55, 56, 44, 105, 57, 55, 57,
    44, 105, 57, 56, 48, 44, 105, 57, 56, 49, 44, 105, 57, 56, 50, 44, 105, 57,
    56, 51, 44, 105, 57, 56, 52, 44, 105, 57, 56, 53, 44, 105, 57, 56, 54, 44,
    105, 57, 56, 55, 44, 105, 57, 56, 56, 44, 105, 57, 56, 57, 44, 105, 57, 57,
    48, 44, 105, 57, 57, 49, 44, 105, 57, 57, 50, 44, 105, 57, 57, 51, 44, 105,
    57, 57, 52, 44, 105, 57, 57, 53, 44, 105, 57, 57, 54, 44, 105, 57, 57, 55,
    44, 105, 57, 57, 56, 44, 105, 57, 57, 57, 44, 105, 49, 48, 48, 48, 93, 0,
};
static const unsigned char pv_data_284[] = {
    40, 100, 112, 48, 10, 46,
};
static const unsigned char pv_dump_284[] = {
    123, 125, 0,
};
static const unsigned char pv_data_285[] = {
    125, 113, 0, 46,
};
static const unsigned char pv_dump_285[] = {
    123, 125, 0,
};
static const unsigned char pv_data_286[] = {
    128, 2, 125, 113, 0, 46,
};
static const unsigned char pv_dump_286[] = {
    123, 125, 0,
};
static const unsigned char pv_data_287[] = {
    128, 3, 125, 113, 0, 46,
};
static const unsigned char pv_dump_287[] = {
    123, 125, 0,
};
static const unsigned char pv_data_288[] = {
    128, 4, 125, 148, 46,
};
static const unsigned char pv_dump_288[] = {
    123, 125, 0,
};
static const unsigned char pv_data_289[] = {
    128, 5, 125, 148, 46,
};
static const unsigned char pv_dump_289[] = {
    123, 125, 0,
};
static const unsigned char pv_data_290[] = {
    40, 100, 112, 48, 10, 86, 97, 10, 112, 49, 10, 73, 49, 10, 115, 73, 50, 10,
    40, 73, 51, 10, 73, 52, 10, 116, 112, 50, 10, 115, 40, 73, 49, 10, 73, 50,
    10, 116, 112, 51, 10, 40, 108, 112, 52, 10, 73, 53, 10, 97, 115, 78, 40,
    100, 112, 53, 10, 115, 46,
};
static const unsigned char pv_dump_290[] = {
    123, 115, 54, 49, 58, 105, 49, 44, 105, 50, 58, 40, 105, 51, 44, 105, 52,
    41, 44, 40, 105, 49, 44, 105, 50, 41, 58, 91, 105, 53, 93, 44, 78, 58, 123,
    125, 125, 0,
};
static const unsigned char pv_data_291[] = {
    125, 113, 0, 40, 88, 1, 0, 0, 0, 97, 113, 1, 75, 1, 75, 2, 40, 75, 3, 75,
    4, 116, 113, 2, 40, 75, 1, 75, 2, 116, 113, 3, 93, 113, 4, 75, 5, 97, 78,
    125, 113, 5, 117, 46,
};
static const unsigned char pv_dump_291[] = {
    123, 115, 54, 49, 58, 105, 49, 44, 105, 50, 58, 40, 105, 51, 44, 105, 52,
    41, 44, 40, 105, 49, 44, 105, 50, 41, 58, 91, 105, 53, 93, 44, 78, 58, 123,
    125, 125, 0,
};
static const unsigned char pv_data_292[] = {
    128, 2, 125, 113, 0, 40, 88, 1, 0, 0, 0, 97, 113, 1, 75, 1, 75, 2, 75, 3,
    75, 4, 134, 113, 2, 75, 1, 75, 2, 134, 113, 3, 93, 113, 4, 75, 5, 97, 78,
    125, 113, 5, 117, 46,
};
static const unsigned char pv_dump_292[] = {
    123, 115, 54, 49, 58, 105, 49, 44, 105, 50, 58, 40, 105, 51, 44, 105, 52,
    41, 44, 40, 105, 49, 44, 105, 50, 41, 58, 91, 105, 53, 93, 44, 78, 58, 123,
    125, 125, 0,
};
static const unsigned char pv_data_293[] = {
    128, 3, 125, 113, 0, 40, 88, 1, 0, 0, 0, 97, 113, 1, 75, 1, 75, 2, 75, 3,
    75, 4, 134, 113, 2, 75, 1, 75, 2, 134, 113, 3, 93, 113, 4, 75, 5, 97, 78,
    125, 113, 5, 117, 46,
};
static const unsigned char pv_dump_293[] = {
    123, 115, 54, 49, 58, 105, 49, 44, 105, 50, 58, 40, 105, 51, 44, 105, 52,
    41, 44, 40, 105, 49, 44, 105, 50, 41, 58, 91, 105, 53, 93, 44, 78, 58, 123,
    125, 125, 0,
};
static const unsigned char pv_data_294[] = {
    128, 4, 149, 33, 0, 0, 0, 0, 0, 0, 0, 125, 148, 40, 140, 1, 97, 148, 75, 1,
    75, 2, 75, 3, 75, 4, 134, 148, 75, 1, 75, 2, 134, 148, 93, 148, 75, 5, 97,
    78, 125, 148, 117, 46,
};
static const unsigned char pv_dump_294[] = {
    123, 115, 54, 49, 58, 105, 49, 44, 105, 50, 58, 40, 105, 51, 44, 105, 52,
    41, 44, 40, 105, 49, 44, 105, 50, 41, 58, 91, 105, 53, 93, 44, 78, 58, 123,
    125, 125, 0,
};
static const unsigned char pv_data_295[] = {
    128, 5, 149, 33, 0, 0, 0, 0, 0, 0, 0, 125, 148, 40, 140, 1, 97, 148, 75, 1,
    75, 2, 75, 3, 75, 4, 134, 148, 75, 1, 75, 2, 134, 148, 93, 148, 75, 5, 97,
    78, 125, 148, 117, 46,
};
static const unsigned char pv_dump_295[] = {
    123, 115, 54, 49, 58, 105, 49, 44, 105, 50, 58, 40, 105, 51, 44, 105, 52,
    41, 44, 40, 105, 49, 44, 105, 50, 41, 58, 91, 105, 53, 93, 44, 78, 58, 123,
    125, 125, 0,
};
static const unsigned char pv_data_296[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101, 116,
    10, 112, 48, 10, 40, 40, 108, 112, 49, 10, 116, 112, 50, 10, 82, 112, 51,
    10, 46,
};
static const unsigned char pv_dump_296[] = {
    83, 123, 125, 0,
};
static const unsigned char pv_data_297[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101, 116,
    10, 113, 0, 40, 93, 113, 1, 116, 113, 2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_297[] = {
    83, 123, 125, 0,
};
static const unsigned char pv_data_298[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101,
    116, 10, 113, 0, 93, 113, 1, 133, 113, 2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_298[] = {
    83, 123, 125, 0,
};
static const unsigned char pv_data_299[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 115, 101, 116, 10,
    113, 0, 93, 113, 1, 133, 113, 2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_299[] = {
    83, 123, 125, 0,
};
static const unsigned char pv_data_300[] = {
    128, 4, 143, 148, 46,
};
static const unsigned char pv_dump_300[] = {
    83, 123, 125, 0,
};
static const unsigned char pv_data_301[] = {
    128, 5, 143, 148, 46,
};
static const unsigned char pv_dump_301[] = {
    83, 123, 125, 0,
};
static const unsigned char pv_data_302[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101, 116,
    10, 112, 48, 10, 40, 40, 108, 112, 49, 10, 73, 49, 10, 97, 73, 50, 10, 97,
    73, 51, 10, 97, 116, 112, 50, 10, 82, 112, 51, 10, 46,
};
static const unsigned char pv_dump_302[] = {
    83, 123, 105, 49, 44, 105, 50, 44, 105, 51, 125, 0,
};
static const unsigned char pv_data_303[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101, 116,
    10, 113, 0, 40, 93, 113, 1, 40, 75, 1, 75, 2, 75, 3, 101, 116, 113, 2, 82,
    113, 3, 46,
};
static const unsigned char pv_dump_303[] = {
    83, 123, 105, 49, 44, 105, 50, 44, 105, 51, 125, 0,
};
static const unsigned char pv_data_304[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101,
    116, 10, 113, 0, 93, 113, 1, 40, 75, 1, 75, 2, 75, 3, 101, 133, 113, 2, 82,
    113, 3, 46,
};
static const unsigned char pv_dump_304[] = {
    83, 123, 105, 49, 44, 105, 50, 44, 105, 51, 125, 0,
};
static const unsigned char pv_data_305[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 115, 101, 116, 10,
    113, 0, 93, 113, 1, 40, 75, 1, 75, 2, 75, 3, 101, 133, 113, 2, 82, 113, 3,
    46,
};
static const unsigned char pv_dump_305[] = {
    83, 123, 105, 49, 44, 105, 50, 44, 105, 51, 125, 0,
};
static const unsigned char pv_data_306[] = {
    128, 4, 149, 11, 0, 0, 0, 0, 0, 0, 0, 143, 148, 40, 75, 1, 75, 2, 75, 3,
    144, 46,
};
static const unsigned char pv_dump_306[] = {
    83, 123, 105, 49, 44, 105, 50, 44, 105, 51, 125, 0,
};
static const unsigned char pv_data_307[] = {
    128, 5, 149, 11, 0, 0, 0, 0, 0, 0, 0, 143, 148, 40, 75, 1, 75, 2, 75, 3,
    144, 46,
};
static const unsigned char pv_dump_307[] = {
    83, 123, 105, 49, 44, 105, 50, 44, 105, 51, 125, 0,
};
static const unsigned char pv_data_308[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114, 111,
    122, 101, 110, 115, 101, 116, 10, 112, 48, 10, 40, 40, 108, 112, 49, 10,
    116, 112, 50, 10, 82, 112, 51, 10, 46,
};
static const unsigned char pv_dump_308[] = {
    90, 123, 125, 0,
};
static const unsigned char pv_data_309[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114, 111,
    122, 101, 110, 115, 101, 116, 10, 113, 0, 40, 93, 113, 1, 116, 113, 2, 82,
    113, 3, 46,
};
static const unsigned char pv_dump_309[] = {
    90, 123, 125, 0,
};
static const unsigned char pv_data_310[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114,
    111, 122, 101, 110, 115, 101, 116, 10, 113, 0, 93, 113, 1, 133, 113, 2, 82,
    113, 3, 46,
};
static const unsigned char pv_dump_310[] = {
    90, 123, 125, 0,
};
static const unsigned char pv_data_311[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 102, 114, 111, 122,
    101, 110, 115, 101, 116, 10, 113, 0, 93, 113, 1, 133, 113, 2, 82, 113, 3,
    46,
};
static const unsigned char pv_dump_311[] = {
    90, 123, 125, 0,
};
static const unsigned char pv_data_312[] = {
    128, 4, 149, 4, 0, 0, 0, 0, 0, 0, 0, 40, 145, 148, 46,
};
static const unsigned char pv_dump_312[] = {
    90, 123, 125, 0,
};
static const unsigned char pv_data_313[] = {
    128, 5, 149, 4, 0, 0, 0, 0, 0, 0, 0, 40, 145, 148, 46,
};
static const unsigned char pv_dump_313[] = {
    90, 123, 125, 0,
};
static const unsigned char pv_data_314[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114, 111,
    122, 101, 110, 115, 101, 116, 10, 112, 48, 10, 40, 40, 108, 112, 49, 10,
    86, 97, 10, 112, 50, 10, 97, 116, 112, 51, 10, 82, 112, 52, 10, 46,
};
static const unsigned char pv_dump_314[] = {
    90, 123, 115, 54, 49, 125, 0,
};
static const unsigned char pv_data_315[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114, 111,
    122, 101, 110, 115, 101, 116, 10, 113, 0, 40, 93, 113, 1, 88, 1, 0, 0, 0,
    97, 113, 2, 97, 116, 113, 3, 82, 113, 4, 46,
};
static const unsigned char pv_dump_315[] = {
    90, 123, 115, 54, 49, 125, 0,
};
static const unsigned char pv_data_316[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114,
    111, 122, 101, 110, 115, 101, 116, 10, 113, 0, 93, 113, 1, 88, 1, 0, 0, 0,
    97, 113, 2, 97, 133, 113, 3, 82, 113, 4, 46,
};
static const unsigned char pv_dump_316[] = {
    90, 123, 115, 54, 49, 125, 0,
};
static const unsigned char pv_data_317[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 102, 114, 111, 122,
    101, 110, 115, 101, 116, 10, 113, 0, 93, 113, 1, 88, 1, 0, 0, 0, 97, 113,
    2, 97, 133, 113, 3, 82, 113, 4, 46,
};
static const unsigned char pv_dump_317[] = {
    90, 123, 115, 54, 49, 125, 0,
};
static const unsigned char pv_data_318[] = {
    128, 4, 149, 8, 0, 0, 0, 0, 0, 0, 0, 40, 140, 1, 97, 148, 145, 148, 46,
};
static const unsigned char pv_dump_318[] = {
    90, 123, 115, 54, 49, 125, 0,
};
static const unsigned char pv_data_319[] = {
    128, 5, 149, 8, 0, 0, 0, 0, 0, 0, 0, 40, 140, 1, 97, 148, 145, 148, 46,
};
static const unsigned char pv_dump_319[] = {
    90, 123, 115, 54, 49, 125, 0,
};
static const unsigned char pv_data_320[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101, 116,
    10, 112, 48, 10, 40, 40, 108, 112, 49, 10, 40, 73, 50, 10, 73, 51, 10, 116,
    112, 50, 10, 97, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10,
    102, 114, 111, 122, 101, 110, 115, 101, 116, 10, 112, 51, 10, 40, 40, 108,
    112, 52, 10, 73, 49, 10, 97, 116, 112, 53, 10, 82, 112, 54, 10, 97, 116,
    112, 55, 10, 82, 112, 56, 10, 46,
};
static const unsigned char pv_dump_320[] = {
    83, 123, 40, 105, 50, 44, 105, 51, 41, 44, 90, 123, 105, 49, 125, 125, 0,
};
static const unsigned char pv_data_321[] = {
    99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101, 116,
    10, 113, 0, 40, 93, 113, 1, 40, 40, 75, 2, 75, 3, 116, 113, 2, 99, 95, 95,
    98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114, 111, 122, 101, 110,
    115, 101, 116, 10, 113, 3, 40, 93, 113, 4, 75, 1, 97, 116, 113, 5, 82, 113,
    6, 101, 116, 113, 7, 82, 113, 8, 46,
};
static const unsigned char pv_dump_321[] = {
    83, 123, 40, 105, 50, 44, 105, 51, 41, 44, 90, 123, 105, 49, 125, 125, 0,
};
static const unsigned char pv_data_322[] = {
    128, 2, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 115, 101,
    116, 10, 113, 0, 93, 113, 1, 40, 75, 2, 75, 3, 134, 113, 2, 99, 95, 95, 98,
    117, 105, 108, 116, 105, 110, 95, 95, 10, 102, 114, 111, 122, 101, 110,
    115, 101, 116, 10, 113, 3, 93, 113, 4, 75, 1, 97, 133, 113, 5, 82, 113, 6,
    101, 133, 113, 7, 82, 113, 8, 46,
};
static const unsigned char pv_dump_322[] = {
    83, 123, 40, 105, 50, 44, 105, 51, 41, 44, 90, 123, 105, 49, 125, 125, 0,
};
static const unsigned char pv_data_323[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 115, 101, 116, 10,
    113, 0, 93, 113, 1, 40, 75, 2, 75, 3, 134, 113, 2, 99, 98, 117, 105, 108,
    116, 105, 110, 115, 10, 102, 114, 111, 122, 101, 110, 115, 101, 116, 10,
    113, 3, 93, 113, 4, 75, 1, 97, 133, 113, 5, 82, 113, 6, 101, 133, 113, 7,
    82, 113, 8, 46,
};
static const unsigned char pv_dump_323[] = {
    83, 123, 40, 105, 50, 44, 105, 51, 41, 44, 90, 123, 105, 49, 125, 125, 0,
};
static const unsigned char pv_data_324[] = {
    128, 4, 149, 16, 0, 0, 0, 0, 0, 0, 0, 143, 148, 40, 75, 2, 75, 3, 134, 148,
    40, 75, 1, 145, 148, 144, 46,
};
static const unsigned char pv_dump_324[] = {
    83, 123, 40, 105, 50, 44, 105, 51, 41, 44, 90, 123, 105, 49, 125, 125, 0,
};
static const unsigned char pv_data_325[] = {
    128, 5, 149, 16, 0, 0, 0, 0, 0, 0, 0, 143, 148, 40, 75, 2, 75, 3, 134, 148,
    40, 75, 1, 145, 148, 144, 46,
};
static const unsigned char pv_dump_325[] = {
    83, 123, 40, 105, 50, 44, 105, 51, 41, 44, 90, 123, 105, 49, 125, 125, 0,
};
static const unsigned char pv_data_326[] = {
    40, 40, 108, 112, 48, 10, 73, 49, 10, 97, 103, 48, 10, 116, 112, 49, 10,
    46,
};
static const unsigned char pv_dump_326[] = {
    40, 91, 105, 49, 93, 44, 91, 105, 49, 93, 41, 0,
};
static const unsigned char pv_data_327[] = {
    40, 93, 113, 0, 75, 1, 97, 104, 0, 116, 113, 1, 46,
};
static const unsigned char pv_dump_327[] = {
    40, 91, 105, 49, 93, 44, 91, 105, 49, 93, 41, 0,
};
static const unsigned char pv_data_328[] = {
    128, 2, 93, 113, 0, 75, 1, 97, 104, 0, 134, 113, 1, 46,
};
static const unsigned char pv_dump_328[] = {
    40, 91, 105, 49, 93, 44, 91, 105, 49, 93, 41, 0,
};
static const unsigned char pv_data_329[] = {
    128, 3, 93, 113, 0, 75, 1, 97, 104, 0, 134, 113, 1, 46,
};
static const unsigned char pv_dump_329[] = {
    40, 91, 105, 49, 93, 44, 91, 105, 49, 93, 41, 0,
};
static const unsigned char pv_data_330[] = {
    128, 4, 149, 10, 0, 0, 0, 0, 0, 0, 0, 93, 148, 75, 1, 97, 104, 0, 134, 148,
    46,
};
static const unsigned char pv_dump_330[] = {
    40, 91, 105, 49, 93, 44, 91, 105, 49, 93, 41, 0,
};
static const unsigned char pv_data_331[] = {
    128, 5, 149, 10, 0, 0, 0, 0, 0, 0, 0, 93, 148, 75, 1, 97, 104, 0, 134, 148,
    46,
};
static const unsigned char pv_dump_331[] = {
    40, 91, 105, 49, 93, 44, 91, 105, 49, 93, 41, 0,
};
static const unsigned char pv_data_332[] = {
    40, 78, 86, 99, 114, 101, 97, 116, 101, 10, 112, 48, 10, 40, 86, 81, 117,
    101, 117, 101, 10, 112, 49, 10, 116, 112, 50, 10, 40, 100, 112, 51, 10,
    116, 112, 52, 10, 46,
};
static const unsigned char pv_dump_332[] = {
    40, 78, 44, 115, 54, 51, 55, 50, 54, 53, 54, 49, 55, 52, 54, 53, 44, 40,
    115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 41, 44, 123, 125, 41, 0,
};
static const unsigned char pv_data_333[] = {
    40, 78, 88, 6, 0, 0, 0, 99, 114, 101, 97, 116, 101, 113, 0, 40, 88, 5, 0,
    0, 0, 81, 117, 101, 117, 101, 113, 1, 116, 113, 2, 125, 113, 3, 116, 113,
    4, 46,
};
static const unsigned char pv_dump_333[] = {
    40, 78, 44, 115, 54, 51, 55, 50, 54, 53, 54, 49, 55, 52, 54, 53, 44, 40,
    115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 41, 44, 123, 125, 41, 0,
};
static const unsigned char pv_data_334[] = {
    128, 2, 40, 78, 88, 6, 0, 0, 0, 99, 114, 101, 97, 116, 101, 113, 0, 88, 5,
    0, 0, 0, 81, 117, 101, 117, 101, 113, 1, 133, 113, 2, 125, 113, 3, 116,
    113, 4, 46,
};
static const unsigned char pv_dump_334[] = {
    40, 78, 44, 115, 54, 51, 55, 50, 54, 53, 54, 49, 55, 52, 54, 53, 44, 40,
    115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 41, 44, 123, 125, 41, 0,
};
static const unsigned char pv_data_335[] = {
    128, 3, 40, 78, 88, 6, 0, 0, 0, 99, 114, 101, 97, 116, 101, 113, 0, 88, 5,
    0, 0, 0, 81, 117, 101, 117, 101, 113, 1, 133, 113, 2, 125, 113, 3, 116,
    113, 4, 46,
};
static const unsigned char pv_dump_335[] = {
    40, 78, 44, 115, 54, 51, 55, 50, 54, 53, 54, 49, 55, 52, 54, 53, 44, 40,
    115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 41, 44, 123, 125, 41, 0,
};
static const unsigned char pv_data_336[] = {
    128, 4, 149, 26, 0, 0, 0, 0, 0, 0, 0, 40, 78, 140, 6, 99, 114, 101, 97,
    116, 101, 148, 140, 5, 81, 117, 101, 117, 101, 148, 133, 148, 125, 148,
    116, 148, 46,
};
static const unsigned char pv_dump_336[] = {
    40, 78, 44, 115, 54, 51, 55, 50, 54, 53, 54, 49, 55, 52, 54, 53, 44, 40,
    115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 41, 44, 123, 125, 41, 0,
};
static const unsigned char pv_data_337[] = {
    128, 5, 149, 26, 0, 0, 0, 0, 0, 0, 0, 40, 78, 140, 6, 99, 114, 101, 97,
    116, 101, 148, 140, 5, 81, 117, 101, 117, 101, 148, 133, 148, 125, 148,
    116, 148, 46,
};
static const unsigned char pv_dump_337[] = {
    40, 78, 44, 115, 54, 51, 55, 50, 54, 53, 54, 49, 55, 52, 54, 53, 44, 40,
    115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 41, 44, 123, 125, 41, 0,
};
static const unsigned char pv_data_338[] = {
    40, 86, 55, 102, 49, 10, 112, 48, 10, 86, 112, 117, 116, 10, 112, 49, 10,
    40, 40, 100, 112, 50, 10, 86, 107, 10, 112, 51, 10, 40, 108, 112, 52, 10,
    73, 49, 10, 97, 73, 50, 10, 97, 115, 116, 112, 53, 10, 40, 100, 112, 54,
    10, 86, 98, 108, 111, 99, 107, 10, 112, 55, 10, 73, 48, 49, 10, 115, 116,
    112, 56, 10, 46,
};
static const unsigned char pv_dump_338[] = {
    40, 115, 51, 55, 54, 54, 51, 49, 44, 115, 55, 48, 55, 53, 55, 52, 44, 40,
    123, 115, 54, 98, 58, 91, 105, 49, 44, 105, 50, 93, 125, 41, 44, 123, 115,
    54, 50, 54, 99, 54, 102, 54, 51, 54, 98, 58, 84, 125, 41, 0,
};
static const unsigned char pv_data_339[] = {
    40, 88, 3, 0, 0, 0, 55, 102, 49, 113, 0, 88, 3, 0, 0, 0, 112, 117, 116,
    113, 1, 40, 125, 113, 2, 88, 1, 0, 0, 0, 107, 113, 3, 93, 113, 4, 40, 75,
    1, 75, 2, 101, 115, 116, 113, 5, 125, 113, 6, 88, 5, 0, 0, 0, 98, 108, 111,
    99, 107, 113, 7, 73, 48, 49, 10, 115, 116, 113, 8, 46,
};
static const unsigned char pv_dump_339[] = {
    40, 115, 51, 55, 54, 54, 51, 49, 44, 115, 55, 48, 55, 53, 55, 52, 44, 40,
    123, 115, 54, 98, 58, 91, 105, 49, 44, 105, 50, 93, 125, 41, 44, 123, 115,
    54, 50, 54, 99, 54, 102, 54, 51, 54, 98, 58, 84, 125, 41, 0,
};
static const unsigned char pv_data_340[] = {
    128, 2, 40, 88, 3, 0, 0, 0, 55, 102, 49, 113, 0, 88, 3, 0, 0, 0, 112, 117,
    116, 113, 1, 125, 113, 2, 88, 1, 0, 0, 0, 107, 113, 3, 93, 113, 4, 40, 75,
    1, 75, 2, 101, 115, 133, 113, 5, 125, 113, 6, 88, 5, 0, 0, 0, 98, 108, 111,
    99, 107, 113, 7, 136, 115, 116, 113, 8, 46,
};
static const unsigned char pv_dump_340[] = {
    40, 115, 51, 55, 54, 54, 51, 49, 44, 115, 55, 48, 55, 53, 55, 52, 44, 40,
    123, 115, 54, 98, 58, 91, 105, 49, 44, 105, 50, 93, 125, 41, 44, 123, 115,
    54, 50, 54, 99, 54, 102, 54, 51, 54, 98, 58, 84, 125, 41, 0,
};
static const unsigned char pv_data_341[] = {
    128, 3, 40, 88, 3, 0, 0, 0, 55, 102, 49, 113, 0, 88, 3, 0, 0, 0, 112, 117,
    116, 113, 1, 125, 113, 2, 88, 1, 0, 0, 0, 107, 113, 3, 93, 113, 4, 40, 75,
    1, 75, 2, 101, 115, 133, 113, 5, 125, 113, 6, 88, 5, 0, 0, 0, 98, 108, 111,
    99, 107, 113, 7, 136, 115, 116, 113, 8, 46,
};
static const unsigned char pv_dump_341[] = {
    40, 115, 51, 55, 54, 54, 51, 49, 44, 115, 55, 48, 55, 53, 55, 52, 44, 40,
    123, 115, 54, 98, 58, 91, 105, 49, 44, 105, 50, 93, 125, 41, 44, 123, 115,
    54, 50, 54, 99, 54, 102, 54, 51, 54, 98, 58, 84, 125, 41, 0,
};
static const unsigned char pv_data_342[] = {
    128, 4, 149, 45, 0, 0, 0, 0, 0, 0, 0, 40, 140, 3, 55, 102, 49, 148, 140, 3,
    112, 117, 116, 148, 125, 148, 140, 1, 107, 148, 93, 148, 40, 75, 1, 75, 2,
    101, 115, 133, 148, 125, 148, 140, 5, 98, 108, 111, 99, 107, 148, 136, 115,
    116, 148, 46,
};
static const unsigned char pv_dump_342[] = {
    40, 115, 51, 55, 54, 54, 51, 49, 44, 115, 55, 48, 55, 53, 55, 52, 44, 40,
    123, 115, 54, 98, 58, 91, 105, 49, 44, 105, 50, 93, 125, 41, 44, 123, 115,
    54, 50, 54, 99, 54, 102, 54, 51, 54, 98, 58, 84, 125, 41, 0,
};
static const unsigned char pv_data_343[] = {
    128, 5, 149, 45, 0, 0, 0, 0, 0, 0, 0, 40, 140, 3, 55, 102, 49, 148, 140, 3,
    112, 117, 116, 148, 125, 148, 140, 1, 107, 148, 93, 148, 40, 75, 1, 75, 2,
    101, 115, 133, 148, 125, 148, 140, 5, 98, 108, 111, 99, 107, 148, 136, 115,
    116, 148, 46,
};
static const unsigned char pv_dump_343[] = {
    40, 115, 51, 55, 54, 54, 51, 49, 44, 115, 55, 48, 55, 53, 55, 52, 44, 40,
    123, 115, 54, 98, 58, 91, 105, 49, 44, 105, 50, 93, 125, 41, 44, 123, 115,
    54, 50, 54, 99, 54, 102, 54, 51, 54, 98, 58, 84, 125, 41, 0,
};
static const unsigned char pv_data_344[] = {
    40, 86, 35, 82, 69, 84, 85, 82, 78, 10, 112, 48, 10, 78, 116, 112, 49, 10,
    46,
};
static const unsigned char pv_dump_344[] = {
    40, 115, 50, 51, 53, 50, 52, 53, 53, 52, 53, 53, 53, 50, 52, 101, 44, 78,
    41, 0,
};
static const unsigned char pv_data_345[] = {
    40, 88, 7, 0, 0, 0, 35, 82, 69, 84, 85, 82, 78, 113, 0, 78, 116, 113, 1,
    46,
};
static const unsigned char pv_dump_345[] = {
    40, 115, 50, 51, 53, 50, 52, 53, 53, 52, 53, 53, 53, 50, 52, 101, 44, 78,
    41, 0,
};
static const unsigned char pv_data_346[] = {
    128, 2, 88, 7, 0, 0, 0, 35, 82, 69, 84, 85, 82, 78, 113, 0, 78, 134, 113,
    1, 46,
};
static const unsigned char pv_dump_346[] = {
    40, 115, 50, 51, 53, 50, 52, 53, 53, 52, 53, 53, 53, 50, 52, 101, 44, 78,
    41, 0,
};
static const unsigned char pv_data_347[] = {
    128, 3, 88, 7, 0, 0, 0, 35, 82, 69, 84, 85, 82, 78, 113, 0, 78, 134, 113,
    1, 46,
};
static const unsigned char pv_dump_347[] = {
    40, 115, 50, 51, 53, 50, 52, 53, 53, 52, 53, 53, 53, 50, 52, 101, 44, 78,
    41, 0,
};
static const unsigned char pv_data_348[] = {
    128, 4, 149, 14, 0, 0, 0, 0, 0, 0, 0, 140, 7, 35, 82, 69, 84, 85, 82, 78,
    148, 78, 134, 148, 46,
};
static const unsigned char pv_dump_348[] = {
    40, 115, 50, 51, 53, 50, 52, 53, 53, 52, 53, 53, 53, 50, 52, 101, 44, 78,
    41, 0,
};
static const unsigned char pv_data_349[] = {
    128, 5, 149, 14, 0, 0, 0, 0, 0, 0, 0, 140, 7, 35, 82, 69, 84, 85, 82, 78,
    148, 78, 134, 148, 46,
};
static const unsigned char pv_dump_349[] = {
    40, 115, 50, 51, 53, 50, 52, 53, 53, 52, 53, 53, 53, 50, 52, 101, 44, 78,
    41, 0,
};
static const unsigned char pv_data_350[] = {
    99, 99, 111, 112, 121, 95, 114, 101, 103, 10, 95, 114, 101, 99, 111, 110,
    115, 116, 114, 117, 99, 116, 111, 114, 10, 112, 48, 10, 40, 99, 95, 95,
    109, 97, 105, 110, 95, 95, 10, 80, 111, 105, 110, 116, 10, 112, 49, 10, 99,
    95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 111, 98, 106, 101,
    99, 116, 10, 112, 50, 10, 78, 116, 112, 51, 10, 82, 112, 52, 10, 40, 100,
    112, 53, 10, 86, 120, 10, 112, 54, 10, 73, 55, 10, 115, 98, 46,
};
static const unsigned char pv_dump_350[] = {
    79, 48, 40, 103, 99, 111, 112, 121, 114, 101, 103, 46, 95, 114, 101, 99,
    111, 110, 115, 116, 114, 117, 99, 116, 111, 114, 59, 40, 103, 95, 95, 109,
    97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 44, 103, 98, 117, 105,
    108, 116, 105, 110, 115, 46, 111, 98, 106, 101, 99, 116, 44, 78, 41, 59,
    45, 59, 123, 115, 55, 56, 58, 105, 55, 125, 59, 59, 41, 0,
};
static const unsigned char pv_data_351[] = {
    99, 99, 111, 112, 121, 95, 114, 101, 103, 10, 95, 114, 101, 99, 111, 110,
    115, 116, 114, 117, 99, 116, 111, 114, 10, 113, 0, 40, 99, 95, 95, 109, 97,
    105, 110, 95, 95, 10, 80, 111, 105, 110, 116, 10, 113, 1, 99, 95, 95, 98,
    117, 105, 108, 116, 105, 110, 95, 95, 10, 111, 98, 106, 101, 99, 116, 10,
    113, 2, 78, 116, 113, 3, 82, 113, 4, 125, 113, 5, 88, 1, 0, 0, 0, 120, 113,
    6, 75, 7, 115, 98, 46,
};
static const unsigned char pv_dump_351[] = {
    79, 48, 40, 103, 99, 111, 112, 121, 114, 101, 103, 46, 95, 114, 101, 99,
    111, 110, 115, 116, 114, 117, 99, 116, 111, 114, 59, 40, 103, 95, 95, 109,
    97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 44, 103, 98, 117, 105,
    108, 116, 105, 110, 115, 46, 111, 98, 106, 101, 99, 116, 44, 78, 41, 59,
    45, 59, 123, 115, 55, 56, 58, 105, 55, 125, 59, 59, 41, 0,
};
static const unsigned char pv_data_352[] = {
    128, 2, 99, 95, 95, 109, 97, 105, 110, 95, 95, 10, 80, 111, 105, 110, 116,
    10, 113, 0, 41, 129, 113, 1, 125, 113, 2, 88, 1, 0, 0, 0, 120, 113, 3, 75,
    7, 115, 98, 46,
};
static const unsigned char pv_dump_352[] = {
    79, 49, 40, 103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110,
    116, 59, 40, 41, 59, 45, 59, 123, 115, 55, 56, 58, 105, 55, 125, 59, 59,
    41, 0,
};
static const unsigned char pv_data_353[] = {
    128, 3, 99, 95, 95, 109, 97, 105, 110, 95, 95, 10, 80, 111, 105, 110, 116,
    10, 113, 0, 41, 129, 113, 1, 125, 113, 2, 88, 1, 0, 0, 0, 120, 113, 3, 75,
    7, 115, 98, 46,
};
static const unsigned char pv_dump_353[] = {
    79, 49, 40, 103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110,
    116, 59, 40, 41, 59, 45, 59, 123, 115, 55, 56, 58, 105, 55, 125, 59, 59,
    41, 0,
};
static const unsigned char pv_data_354[] = {
    128, 4, 149, 35, 0, 0, 0, 0, 0, 0, 0, 140, 8, 95, 95, 109, 97, 105, 110,
    95, 95, 148, 140, 5, 80, 111, 105, 110, 116, 148, 147, 148, 41, 129, 148,
    125, 148, 140, 1, 120, 148, 75, 7, 115, 98, 46,
};
static const unsigned char pv_dump_354[] = {
    79, 49, 40, 103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110,
    116, 59, 40, 41, 59, 45, 59, 123, 115, 55, 56, 58, 105, 55, 125, 59, 59,
    41, 0,
};
static const unsigned char pv_data_355[] = {
    128, 5, 149, 35, 0, 0, 0, 0, 0, 0, 0, 140, 8, 95, 95, 109, 97, 105, 110,
    95, 95, 148, 140, 5, 80, 111, 105, 110, 116, 148, 147, 148, 41, 129, 148,
    125, 148, 140, 1, 120, 148, 75, 7, 115, 98, 46,
};
static const unsigned char pv_dump_355[] = {
    79, 49, 40, 103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110,
    116, 59, 40, 41, 59, 45, 59, 123, 115, 55, 56, 58, 105, 55, 125, 59, 59,
    41, 0,
};
static const unsigned char pv_data_356[] = {
    99, 101, 120, 99, 101, 112, 116, 105, 111, 110, 115, 10, 86, 97, 108, 117,
    101, 69, 114, 114, 111, 114, 10, 112, 48, 10, 40, 86, 98, 111, 111, 109,
    10, 112, 49, 10, 116, 112, 50, 10, 82, 112, 51, 10, 46,
};
static const unsigned char pv_dump_356[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 86, 97, 108,
    117, 101, 69, 114, 114, 111, 114, 59, 40, 115, 54, 50, 54, 102, 54, 102,
    54, 100, 41, 59, 45, 59, 45, 59, 59, 41, 0,
};
static const unsigned char pv_data_357[] = {
    99, 101, 120, 99, 101, 112, 116, 105, 111, 110, 115, 10, 86, 97, 108, 117,
    101, 69, 114, 114, 111, 114, 10, 113, 0, 40, 88, 4, 0, 0, 0, 98, 111, 111,
    109, 113, 1, 116, 113, 2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_357[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 86, 97, 108,
    117, 101, 69, 114, 114, 111, 114, 59, 40, 115, 54, 50, 54, 102, 54, 102,
    54, 100, 41, 59, 45, 59, 45, 59, 59, 41, 0,
};
static const unsigned char pv_data_358[] = {
    128, 2, 99, 101, 120, 99, 101, 112, 116, 105, 111, 110, 115, 10, 86, 97,
    108, 117, 101, 69, 114, 114, 111, 114, 10, 113, 0, 88, 4, 0, 0, 0, 98, 111,
    111, 109, 113, 1, 133, 113, 2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_358[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 86, 97, 108,
    117, 101, 69, 114, 114, 111, 114, 59, 40, 115, 54, 50, 54, 102, 54, 102,
    54, 100, 41, 59, 45, 59, 45, 59, 59, 41, 0,
};
static const unsigned char pv_data_359[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 86, 97, 108, 117,
    101, 69, 114, 114, 111, 114, 10, 113, 0, 88, 4, 0, 0, 0, 98, 111, 111, 109,
    113, 1, 133, 113, 2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_359[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 86, 97, 108,
    117, 101, 69, 114, 114, 111, 114, 59, 40, 115, 54, 50, 54, 102, 54, 102,
    54, 100, 41, 59, 45, 59, 45, 59, 59, 41, 0,
};
static const unsigned char pv_data_360[] = {
    128, 4, 149, 38, 0, 0, 0, 0, 0, 0, 0, 140, 8, 98, 117, 105, 108, 116, 105,
    110, 115, 148, 140, 10, 86, 97, 108, 117, 101, 69, 114, 114, 111, 114, 148,
    147, 148, 140, 4, 98, 111, 111, 109, 148, 133, 148, 82, 148, 46,
};
static const unsigned char pv_dump_360[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 86, 97, 108,
    117, 101, 69, 114, 114, 111, 114, 59, 40, 115, 54, 50, 54, 102, 54, 102,
    54, 100, 41, 59, 45, 59, 45, 59, 59, 41, 0,
};
static const unsigned char pv_data_361[] = {
    128, 5, 149, 38, 0, 0, 0, 0, 0, 0, 0, 140, 8, 98, 117, 105, 108, 116, 105,
    110, 115, 148, 140, 10, 86, 97, 108, 117, 101, 69, 114, 114, 111, 114, 148,
    147, 148, 140, 4, 98, 111, 111, 109, 148, 133, 148, 82, 148, 46,
};
static const unsigned char pv_dump_361[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 86, 97, 108,
    117, 101, 69, 114, 114, 111, 114, 59, 40, 115, 54, 50, 54, 102, 54, 102,
    54, 100, 41, 59, 45, 59, 45, 59, 59, 41, 0,
};
static const unsigned char pv_data_362[] = {
    99, 101, 120, 99, 101, 112, 116, 105, 111, 110, 115, 10, 75, 101, 121, 69,
    114, 114, 111, 114, 10, 112, 48, 10, 40, 86, 107, 10, 112, 49, 10, 116,
    112, 50, 10, 82, 112, 51, 10, 46,
};
static const unsigned char pv_dump_362[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 75, 101, 121,
    69, 114, 114, 111, 114, 59, 40, 115, 54, 98, 41, 59, 45, 59, 45, 59, 59,
    41, 0,
};
static const unsigned char pv_data_363[] = {
    99, 101, 120, 99, 101, 112, 116, 105, 111, 110, 115, 10, 75, 101, 121, 69,
    114, 114, 111, 114, 10, 113, 0, 40, 88, 1, 0, 0, 0, 107, 113, 1, 116, 113,
    2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_363[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 75, 101, 121,
    69, 114, 114, 111, 114, 59, 40, 115, 54, 98, 41, 59, 45, 59, 45, 59, 59,
    41, 0,
};
static const unsigned char pv_data_364[] = {
    128, 2, 99, 101, 120, 99, 101, 112, 116, 105, 111, 110, 115, 10, 75, 101,
    121, 69, 114, 114, 111, 114, 10, 113, 0, 88, 1, 0, 0, 0, 107, 113, 1, 133,
    113, 2, 82, 113, 3, 46,
};
static const unsigned char pv_dump_364[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 75, 101, 121,
    69, 114, 114, 111, 114, 59, 40, 115, 54, 98, 41, 59, 45, 59, 45, 59, 59,
    41, 0,
};
static const unsigned char pv_data_365[] = {
    128, 3, 99, 98, 117, 105, 108, 116, 105, 110, 115, 10, 75, 101, 121, 69,
    114, 114, 111, 114, 10, 113, 0, 88, 1, 0, 0, 0, 107, 113, 1, 133, 113, 2,
    82, 113, 3, 46,
};
static const unsigned char pv_dump_365[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 75, 101, 121,
    69, 114, 114, 111, 114, 59, 40, 115, 54, 98, 41, 59, 45, 59, 45, 59, 59,
    41, 0,
};
static const unsigned char pv_data_366[] = {
    128, 4, 149, 33, 0, 0, 0, 0, 0, 0, 0, 140, 8, 98, 117, 105, 108, 116, 105,
    110, 115, 148, 140, 8, 75, 101, 121, 69, 114, 114, 111, 114, 148, 147, 148,
    140, 1, 107, 148, 133, 148, 82, 148, 46,
};
static const unsigned char pv_dump_366[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 75, 101, 121,
    69, 114, 114, 111, 114, 59, 40, 115, 54, 98, 41, 59, 45, 59, 45, 59, 59,
    41, 0,
};
static const unsigned char pv_data_367[] = {
    128, 5, 149, 33, 0, 0, 0, 0, 0, 0, 0, 140, 8, 98, 117, 105, 108, 116, 105,
    110, 115, 148, 140, 8, 75, 101, 121, 69, 114, 114, 111, 114, 148, 147, 148,
    140, 1, 107, 148, 133, 148, 82, 148, 46,
};
static const unsigned char pv_dump_367[] = {
    79, 48, 40, 103, 98, 117, 105, 108, 116, 105, 110, 115, 46, 75, 101, 121,
    69, 114, 114, 111, 114, 59, 40, 115, 54, 98, 41, 59, 45, 59, 45, 59, 59,
    41, 0,
};
static const unsigned char pv_data_368[] = {
    99, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 10, 79, 114, 100,
    101, 114, 101, 100, 68, 105, 99, 116, 10, 112, 48, 10, 40, 116, 82, 112,
    49, 10, 86, 97, 10, 112, 50, 10, 73, 49, 10, 115, 86, 98, 10, 112, 51, 10,
    73, 50, 10, 115, 46,
};
static const unsigned char pv_dump_368[] = {
    79, 48, 40, 103, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 46,
    79, 114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 59, 40, 41, 59, 45, 59,
    45, 59, 59, 115, 54, 49, 44, 105, 49, 44, 115, 54, 50, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_369[] = {
    99, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 10, 79, 114, 100,
    101, 114, 101, 100, 68, 105, 99, 116, 10, 113, 0, 41, 82, 113, 1, 40, 88,
    1, 0, 0, 0, 97, 113, 2, 75, 1, 88, 1, 0, 0, 0, 98, 113, 3, 75, 2, 117, 46,
};
static const unsigned char pv_dump_369[] = {
    79, 48, 40, 103, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 46,
    79, 114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 59, 40, 41, 59, 45, 59,
    45, 59, 59, 115, 54, 49, 44, 105, 49, 44, 115, 54, 50, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_370[] = {
    128, 2, 99, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 10, 79,
    114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 10, 113, 0, 41, 82, 113, 1,
    40, 88, 1, 0, 0, 0, 97, 113, 2, 75, 1, 88, 1, 0, 0, 0, 98, 113, 3, 75, 2,
    117, 46,
};
static const unsigned char pv_dump_370[] = {
    79, 48, 40, 103, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 46,
    79, 114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 59, 40, 41, 59, 45, 59,
    45, 59, 59, 115, 54, 49, 44, 105, 49, 44, 115, 54, 50, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_371[] = {
    128, 3, 99, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 10, 79,
    114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 10, 113, 0, 41, 82, 113, 1,
    40, 88, 1, 0, 0, 0, 97, 113, 2, 75, 1, 88, 1, 0, 0, 0, 98, 113, 3, 75, 2,
    117, 46,
};
static const unsigned char pv_dump_371[] = {
    79, 48, 40, 103, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 46,
    79, 114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 59, 40, 41, 59, 45, 59,
    45, 59, 59, 115, 54, 49, 44, 105, 49, 44, 115, 54, 50, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_372[] = {
    128, 4, 149, 48, 0, 0, 0, 0, 0, 0, 0, 140, 11, 99, 111, 108, 108, 101, 99,
    116, 105, 111, 110, 115, 148, 140, 11, 79, 114, 100, 101, 114, 101, 100,
    68, 105, 99, 116, 148, 147, 148, 41, 82, 148, 40, 140, 1, 97, 148, 75, 1,
    140, 1, 98, 148, 75, 2, 117, 46,
};
static const unsigned char pv_dump_372[] = {
    79, 48, 40, 103, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 46,
    79, 114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 59, 40, 41, 59, 45, 59,
    45, 59, 59, 115, 54, 49, 44, 105, 49, 44, 115, 54, 50, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_373[] = {
    128, 5, 149, 48, 0, 0, 0, 0, 0, 0, 0, 140, 11, 99, 111, 108, 108, 101, 99,
    116, 105, 111, 110, 115, 148, 140, 11, 79, 114, 100, 101, 114, 101, 100,
    68, 105, 99, 116, 148, 147, 148, 41, 82, 148, 40, 140, 1, 97, 148, 75, 1,
    140, 1, 98, 148, 75, 2, 117, 46,
};
static const unsigned char pv_dump_373[] = {
    79, 48, 40, 103, 99, 111, 108, 108, 101, 99, 116, 105, 111, 110, 115, 46,
    79, 114, 100, 101, 114, 101, 100, 68, 105, 99, 116, 59, 40, 41, 59, 45, 59,
    45, 59, 59, 115, 54, 49, 44, 105, 49, 44, 115, 54, 50, 44, 105, 50, 41, 0,
};
static const unsigned char pv_data_374[] = {
    99, 99, 111, 112, 121, 95, 114, 101, 103, 10, 95, 114, 101, 99, 111, 110,
    115, 116, 114, 117, 99, 116, 111, 114, 10, 112, 48, 10, 40, 99, 109, 117,
    108, 116, 105, 112, 114, 111, 99, 101, 115, 115, 105, 110, 103, 46, 109,
    97, 110, 97, 103, 101, 114, 115, 10, 84, 111, 107, 101, 110, 10, 112, 49,
    10, 99, 95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 111, 98, 106,
    101, 99, 116, 10, 112, 50, 10, 78, 116, 112, 51, 10, 82, 112, 52, 10, 40,
    86, 81, 117, 101, 117, 101, 10, 112, 53, 10, 86, 47, 116, 109, 112, 47,
    112, 121, 109, 112, 45, 120, 47, 108, 105, 115, 116, 101, 110, 101, 114,
    45, 49, 10, 112, 54, 10, 86, 55, 102, 51, 97, 10, 112, 55, 10, 116, 112,
    56, 10, 98, 46,
};
static const unsigned char pv_dump_374[] = {
    79, 48, 40, 103, 99, 111, 112, 121, 114, 101, 103, 46, 95, 114, 101, 99,
    111, 110, 115, 116, 114, 117, 99, 116, 111, 114, 59, 40, 103, 109, 117,
    108, 116, 105, 112, 114, 111, 99, 101, 115, 115, 105, 110, 103, 46, 109,
    97, 110, 97, 103, 101, 114, 115, 46, 84, 111, 107, 101, 110, 44, 103, 98,
    117, 105, 108, 116, 105, 110, 115, 46, 111, 98, 106, 101, 99, 116, 44, 78,
    41, 59, 45, 59, 40, 115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 44, 115,
    50, 102, 55, 52, 54, 100, 55, 48, 50, 102, 55, 48, 55, 57, 54, 100, 55, 48,
    50, 100, 55, 56, 50, 102, 54, 99, 54, 57, 55, 51, 55, 52, 54, 53, 54, 101,
    54, 53, 55, 50, 50, 100, 51, 49, 44, 115, 51, 55, 54, 54, 51, 51, 54, 49,
    41, 59, 59, 41, 0,
};
static const unsigned char pv_data_375[] = {
    99, 99, 111, 112, 121, 95, 114, 101, 103, 10, 95, 114, 101, 99, 111, 110,
    115, 116, 114, 117, 99, 116, 111, 114, 10, 113, 0, 40, 99, 109, 117, 108,
    116, 105, 112, 114, 111, 99, 101, 115, 115, 105, 110, 103, 46, 109, 97,
    110, 97, 103, 101, 114, 115, 10, 84, 111, 107, 101, 110, 10, 113, 1, 99,
    95, 95, 98, 117, 105, 108, 116, 105, 110, 95, 95, 10, 111, 98, 106, 101,
    99, 116, 10, 113, 2, 78, 116, 113, 3, 82, 113, 4, 40, 88, 5, 0, 0, 0, 81,
    117, 101, 117, 101, 113, 5, 88, 22, 0, 0, 0, 47, 116, 109, 112, 47, 112,
    121, 109, 112, 45, 120, 47, 108, 105, 115, 116, 101, 110, 101, 114, 45, 49,
    113, 6, 88, 4, 0, 0, 0, 55, 102, 51, 97, 113, 7, 116, 113, 8, 98, 46,
};
static const unsigned char pv_dump_375[] = {
    79, 48, 40, 103, 99, 111, 112, 121, 114, 101, 103, 46, 95, 114, 101, 99,
    111, 110, 115, 116, 114, 117, 99, 116, 111, 114, 59, 40, 103, 109, 117,
    108, 116, 105, 112, 114, 111, 99, 101, 115, 115, 105, 110, 103, 46, 109,
    97, 110, 97, 103, 101, 114, 115, 46, 84, 111, 107, 101, 110, 44, 103, 98,
    117, 105, 108, 116, 105, 110, 115, 46, 111, 98, 106, 101, 99, 116, 44, 78,
    41, 59, 45, 59, 40, 115, 53, 49, 55, 53, 54, 53, 55, 53, 54, 53, 44, 115,
    50, 102, 55, 52, 54, 100, 55, 48, 50, 102, 55, 48, 55, 57, 54, 100, 55, 48,
    50, 100, 55, 56, 50, 102, 54, 99, 54, 57, 55, 51, 55, 52, 54, 53, 54, 101,
    54, 53, 55, 50, 50, 100, 51, 49, 44, 115, 51, 55, 54, 54, 51, 51, 54, 49,
    41, 59, 59, 41, 0,
};
static const unsigned char pv_data_376[] = {
    128, 2, 99, 109, 117, 108, 116, 105, 112, 114, 111, 99, 101, 115, 115, 105,
    110, 103, 46, 109, 97, 110, 97, 103, 101, 114, 115, 10, 84, 111, 107, 101,
    110, 10, 113, 0, 41, 129, 113, 1, 88, 5, 0, 0, 0, 81, 117, 101, 117, 101,
    113, 2, 88, 22, 0, 0, 0, 47, 116, 109, 112, 47, 112, 121, 109, 112, 45,
    120, 47, 108, 105, 115, 116, 101, 110, 101, 114, 45, 49, 113, 3, 88, 4, 0,
    0, 0, 55, 102, 51, 97, 113, 4, 135, 113, 5, 98, 46,
};
static const unsigned char pv_dump_376[] = {
    79, 49, 40, 103, 109, 117, 108, 116, 105, 112, 114, 111, 99, 101, 115, 115,
    105, 110, 103, 46, 109, 97, 110, 97, 103, 101, 114, 115, 46, 84, 111, 107,
    101, 110, 59, 40, 41, 59, 45, 59, 40, 115, 53, 49, 55, 53, 54, 53, 55, 53,
    54, 53, 44, 115, 50, 102, 55, 52, 54, 100, 55, 48, 50, 102, 55, 48, 55, 57,
    54, 100, 55, 48, 50, 100, 55, 56, 50, 102, 54, 99, 54, 57, 55, 51, 55, 52,
    54, 53, 54, 101, 54, 53, 55, 50, 50, 100, 51, 49, 44, 115, 51, 55, 54, 54,
    51, 51, 54, 49, 41, 59, 59, 41, 0,
};
static const unsigned char pv_data_377[] = {
    128, 3, 99, 109, 117, 108, 116, 105, 112, 114, 111, 99, 101, 115, 115, 105,
    110, 103, 46, 109, 97, 110, 97, 103, 101, 114, 115, 10, 84, 111, 107, 101,
    110, 10, 113, 0, 41, 129, 113, 1, 88, 5, 0, 0, 0, 81, 117, 101, 117, 101,
    113, 2, 88, 22, 0, 0, 0, 47, 116, 109, 112, 47, 112, 121, 109, 112, 45,
    120, 47, 108, 105, 115, 116, 101, 110, 101, 114, 45, 49, 113, 3, 88, 4, 0,
    0, 0, 55, 102, 51, 97, 113, 4, 135, 113, 5, 98, 46,
};
static const unsigned char pv_dump_377[] = {
    79, 49, 40, 103, 109, 117, 108, 116, 105, 112, 114, 111, 99, 101, 115, 115,
    105, 110, 103, 46, 109, 97, 110, 97, 103, 101, 114, 115, 46, 84, 111, 107,
    101, 110, 59, 40, 41, 59, 45, 59, 40, 115, 53, 49, 55, 53, 54, 53, 55, 53,
    54, 53, 44, 115, 50, 102, 55, 52, 54, 100, 55, 48, 50, 102, 55, 48, 55, 57,
    54, 100, 55, 48, 50, 100, 55, 56, 50, 102, 54, 99, 54, 57, 55, 51, 55, 52,
    54, 53, 54, 101, 54, 53, 55, 50, 50, 100, 51, 49, 44, 115, 51, 55, 54, 54,
    51, 51, 54, 49, 41, 59, 59, 41, 0,
};
static const unsigned char pv_data_378[] = {
    128, 4, 149, 84, 0, 0, 0, 0, 0, 0, 0, 140, 24, 109, 117, 108, 116, 105,
    112, 114, 111, 99, 101, 115, 115, 105, 110, 103, 46, 109, 97, 110, 97, 103,
    101, 114, 115, 148, 140, 5, 84, 111, 107, 101, 110, 148, 147, 148, 41, 129,
    148, 140, 5, 81, 117, 101, 117, 101, 148, 140, 22, 47, 116, 109, 112, 47,
    112, 121, 109, 112, 45, 120, 47, 108, 105, 115, 116, 101, 110, 101, 114,
    45, 49, 148, 140, 4, 55, 102, 51, 97, 148, 135, 148, 98, 46,
};
static const unsigned char pv_dump_378[] = {
    79, 49, 40, 103, 109, 117, 108, 116, 105, 112, 114, 111, 99, 101, 115, 115,
    105, 110, 103, 46, 109, 97, 110, 97, 103, 101, 114, 115, 46, 84, 111, 107,
    101, 110, 59, 40, 41, 59, 45, 59, 40, 115, 53, 49, 55, 53, 54, 53, 55, 53,
    54, 53, 44, 115, 50, 102, 55, 52, 54, 100, 55, 48, 50, 102, 55, 48, 55, 57,
    54, 100, 55, 48, 50, 100, 55, 56, 50, 102, 54, 99, 54, 57, 55, 51, 55, 52,
    54, 53, 54, 101, 54, 53, 55, 50, 50, 100, 51, 49, 44, 115, 51, 55, 54, 54,
    51, 51, 54, 49, 41, 59, 59, 41, 0,
};
static const unsigned char pv_data_379[] = {
    128, 5, 149, 84, 0, 0, 0, 0, 0, 0, 0, 140, 24, 109, 117, 108, 116, 105,
    112, 114, 111, 99, 101, 115, 115, 105, 110, 103, 46, 109, 97, 110, 97, 103,
    101, 114, 115, 148, 140, 5, 84, 111, 107, 101, 110, 148, 147, 148, 41, 129,
    148, 140, 5, 81, 117, 101, 117, 101, 148, 140, 22, 47, 116, 109, 112, 47,
    112, 121, 109, 112, 45, 120, 47, 108, 105, 115, 116, 101, 110, 101, 114,
    45, 49, 148, 140, 4, 55, 102, 51, 97, 148, 135, 148, 98, 46,
};
static const unsigned char pv_dump_379[] = {
    79, 49, 40, 103, 109, 117, 108, 116, 105, 112, 114, 111, 99, 101, 115, 115,
    105, 110, 103, 46, 109, 97, 110, 97, 103, 101, 114, 115, 46, 84, 111, 107,
    101, 110, 59, 40, 41, 59, 45, 59, 40, 115, 53, 49, 55, 53, 54, 53, 55, 53,
    54, 53, 44, 115, 50, 102, 55, 52, 54, 100, 55, 48, 50, 102, 55, 48, 55, 57,
    54, 100, 55, 48, 50, 100, 55, 56, 50, 102, 54, 99, 54, 57, 55, 51, 55, 52,
    54, 53, 54, 101, 54, 53, 55, 50, 50, 100, 51, 49, 44, 115, 51, 55, 54, 54,
    51, 51, 54, 49, 41, 59, 59, 41, 0,
};
static const unsigned char pv_data_380[] = {
    99, 95, 95, 109, 97, 105, 110, 95, 95, 10, 80, 111, 105, 110, 116, 10, 112,
    48, 10, 46,
};
static const unsigned char pv_dump_380[] = {
    103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 0,
};
static const unsigned char pv_data_381[] = {
    99, 95, 95, 109, 97, 105, 110, 95, 95, 10, 80, 111, 105, 110, 116, 10, 113,
    0, 46,
};
static const unsigned char pv_dump_381[] = {
    103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 0,
};
static const unsigned char pv_data_382[] = {
    128, 2, 99, 95, 95, 109, 97, 105, 110, 95, 95, 10, 80, 111, 105, 110, 116,
    10, 113, 0, 46,
};
static const unsigned char pv_dump_382[] = {
    103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 0,
};
static const unsigned char pv_data_383[] = {
    128, 3, 99, 95, 95, 109, 97, 105, 110, 95, 95, 10, 80, 111, 105, 110, 116,
    10, 113, 0, 46,
};
static const unsigned char pv_dump_383[] = {
    103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 0,
};
static const unsigned char pv_data_384[] = {
    128, 4, 149, 22, 0, 0, 0, 0, 0, 0, 0, 140, 8, 95, 95, 109, 97, 105, 110,
    95, 95, 148, 140, 5, 80, 111, 105, 110, 116, 148, 147, 148, 46,
};
static const unsigned char pv_dump_384[] = {
    103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 0,
};
static const unsigned char pv_data_385[] = {
    128, 5, 149, 22, 0, 0, 0, 0, 0, 0, 0, 140, 8, 95, 95, 109, 97, 105, 110,
    95, 95, 148, 140, 5, 80, 111, 105, 110, 116, 148, 147, 148, 46,
};
static const unsigned char pv_dump_385[] = {
    103, 95, 95, 109, 97, 105, 110, 95, 95, 46, 80, 111, 105, 110, 116, 0,
};

static const pickle_vector_t pickle_vectors[] = {
  {"none", 0, pv_data_0, 2, pv_dump_0},
  {"none", 1, pv_data_1, 2, pv_dump_1},
  {"none", 2, pv_data_2, 4, pv_dump_2},
  {"none", 3, pv_data_3, 4, pv_dump_3},
  {"none", 4, pv_data_4, 4, pv_dump_4},
  {"none", 5, pv_data_5, 4, pv_dump_5},
  {"true", 0, pv_data_6, 5, pv_dump_6},
  {"true", 1, pv_data_7, 5, pv_dump_7},
  {"true", 2, pv_data_8, 4, pv_dump_8},
  {"true", 3, pv_data_9, 4, pv_dump_9},
  {"true", 4, pv_data_10, 4, pv_dump_10},
  {"true", 5, pv_data_11, 4, pv_dump_11},
  {"false", 0, pv_data_12, 5, pv_dump_12},
  {"false", 1, pv_data_13, 5, pv_dump_13},
  {"false", 2, pv_data_14, 4, pv_dump_14},
  {"false", 3, pv_data_15, 4, pv_dump_15},
  {"false", 4, pv_data_16, 4, pv_dump_16},
  {"false", 5, pv_data_17, 4, pv_dump_17},
  {"int0", 0, pv_data_18, 4, pv_dump_18},
  {"int0", 1, pv_data_19, 3, pv_dump_19},
  {"int0", 2, pv_data_20, 5, pv_dump_20},
  {"int0", 3, pv_data_21, 5, pv_dump_21},
  {"int0", 4, pv_data_22, 5, pv_dump_22},
  {"int0", 5, pv_data_23, 5, pv_dump_23},
  {"int255", 0, pv_data_24, 6, pv_dump_24},
  {"int255", 1, pv_data_25, 3, pv_dump_25},
  {"int255", 2, pv_data_26, 5, pv_dump_26},
  {"int255", 3, pv_data_27, 5, pv_dump_27},
  {"int255", 4, pv_data_28, 5, pv_dump_28},
  {"int255", 5, pv_data_29, 5, pv_dump_29},
  {"int256", 0, pv_data_30, 6, pv_dump_30},
  {"int256", 1, pv_data_31, 4, pv_dump_31},
  {"int256", 2, pv_data_32, 6, pv_dump_32},
  {"int256", 3, pv_data_33, 6, pv_dump_33},
  {"int256", 4, pv_data_34, 15, pv_dump_34},
  {"int256", 5, pv_data_35, 15, pv_dump_35},
  {"int65535", 0, pv_data_36, 8, pv_dump_36},
  {"int65535", 1, pv_data_37, 4, pv_dump_37},
  {"int65535", 2, pv_data_38, 6, pv_dump_38},
  {"int65535", 3, pv_data_39, 6, pv_dump_39},
  {"int65535", 4, pv_data_40, 15, pv_dump_40},
  {"int65535", 5, pv_data_41, 15, pv_dump_41},
  {"int65536", 0, pv_data_42, 8, pv_dump_42},
  {"int65536", 1, pv_data_43, 6, pv_dump_43},
  {"int65536", 2, pv_data_44, 8, pv_dump_44},
  {"int65536", 3, pv_data_45, 8, pv_dump_45},
  {"int65536", 4, pv_data_46, 17, pv_dump_46},
  {"int65536", 5, pv_data_47, 17, pv_dump_47},
  {"int_neg1", 0, pv_data_48, 5, pv_dump_48},
  {"int_neg1", 1, pv_data_49, 6, pv_dump_49},
  {"int_neg1", 2, pv_data_50, 8, pv_dump_50},
  {"int_neg1", 3, pv_data_51, 8, pv_dump_51},
  {"int_neg1", 4, pv_data_52, 17, pv_dump_52},
  {"int_neg1", 5, pv_data_53, 17, pv_dump_53},
  {"int32max", 0, pv_data_54, 13, pv_dump_54},
  {"int32max", 1, pv_data_55, 6, pv_dump_55},
  {"int32max", 2, pv_data_56, 8, pv_dump_56},
  {"int32max", 3, pv_data_57, 8, pv_dump_57},
  {"int32max", 4, pv_data_58, 17, pv_dump_58},
  {"int32max", 5, pv_data_59, 17, pv_dump_59},
  {"int32min", 0, pv_data_60, 14, pv_dump_60},
  {"int32min", 1, pv_data_61, 6, pv_dump_61},
  {"int32min", 2, pv_data_62, 8, pv_dump_62},
  {"int32min", 3, pv_data_63, 8, pv_dump_63},
  {"int32min", 4, pv_data_64, 17, pv_dump_64},
  {"int32min", 5, pv_data_65, 17, pv_dump_65},
  {"int2_31", 0, pv_data_66, 14, pv_dump_66},
  {"int2_31", 1, pv_data_67, 14, pv_dump_67},
  {"int2_31", 2, pv_data_68, 10, pv_dump_68},
  {"int2_31", 3, pv_data_69, 10, pv_dump_69},
  {"int2_31", 4, pv_data_70, 19, pv_dump_70},
  {"int2_31", 5, pv_data_71, 19, pv_dump_71},
  {"int64max", 0, pv_data_72, 23, pv_dump_72},
  {"int64max", 1, pv_data_73, 23, pv_dump_73},
  {"int64max", 2, pv_data_74, 13, pv_dump_74},
  {"int64max", 3, pv_data_75, 13, pv_dump_75},
  {"int64max", 4, pv_data_76, 22, pv_dump_76},
  {"int64max", 5, pv_data_77, 22, pv_dump_77},
  {"int64min", 0, pv_data_78, 24, pv_dump_78},
  {"int64min", 1, pv_data_79, 24, pv_dump_79},
  {"int64min", 2, pv_data_80, 13, pv_dump_80},
  {"int64min", 3, pv_data_81, 13, pv_dump_81},
  {"int64min", 4, pv_data_82, 22, pv_dump_82},
  {"int64min", 5, pv_data_83, 22, pv_dump_83},
  {"int2_63", 0, pv_data_84, 23, pv_dump_84},
  {"int2_63", 1, pv_data_85, 23, pv_dump_85},
  {"int2_63", 2, pv_data_86, 14, pv_dump_86},
  {"int2_63", 3, pv_data_87, 14, pv_dump_87},
  {"int2_63", 4, pv_data_88, 23, pv_dump_88},
  {"int2_63", 5, pv_data_89, 23, pv_dump_89},
  {"int_below64", 0, pv_data_90, 24, pv_dump_90},
  {"int_below64", 1, pv_data_91, 24, pv_dump_91},
  {"int_below64", 2, pv_data_92, 14, pv_dump_92},
  {"int_below64", 3, pv_data_93, 14, pv_dump_93},
  {"int_below64", 4, pv_data_94, 23, pv_dump_94},
  {"int_below64", 5, pv_data_95, 23, pv_dump_95},
  {"int2_70", 0, pv_data_96, 26, pv_dump_96},
  {"int2_70", 1, pv_data_97, 26, pv_dump_97},
  {"int2_70", 2, pv_data_98, 14, pv_dump_98},
  {"int2_70", 3, pv_data_99, 14, pv_dump_99},
  {"int2_70", 4, pv_data_100, 23, pv_dump_100},
  {"int2_70", 5, pv_data_101, 23, pv_dump_101},
  {"int_neg2_200", 0, pv_data_102, 66, pv_dump_102},
  {"int_neg2_200", 1, pv_data_103, 66, pv_dump_103},
  {"int_neg2_200", 2, pv_data_104, 31, pv_dump_104},
  {"int_neg2_200", 3, pv_data_105, 31, pv_dump_105},
  {"int_neg2_200", 4, pv_data_106, 40, pv_dump_106},
  {"int_neg2_200", 5, pv_data_107, 40, pv_dump_107},
  {"int_2_64", 0, pv_data_108, 24, pv_dump_108},
  {"int_2_64", 1, pv_data_109, 24, pv_dump_109},
  {"int_2_64", 2, pv_data_110, 14, pv_dump_110},
  {"int_2_64", 3, pv_data_111, 14, pv_dump_111},
  {"int_2_64", 4, pv_data_112, 23, pv_dump_112},
  {"int_2_64", 5, pv_data_113, 23, pv_dump_113},
  {"float0", 0, pv_data_114, 6, pv_dump_114},
  {"float0", 1, pv_data_115, 10, pv_dump_115},
  {"float0", 2, pv_data_116, 12, pv_dump_116},
  {"float0", 3, pv_data_117, 12, pv_dump_117},
  {"float0", 4, pv_data_118, 21, pv_dump_118},
  {"float0", 5, pv_data_119, 21, pv_dump_119},
  {"float_neg0", 0, pv_data_120, 7, pv_dump_120},
  {"float_neg0", 1, pv_data_121, 10, pv_dump_121},
  {"float_neg0", 2, pv_data_122, 12, pv_dump_122},
  {"float_neg0", 3, pv_data_123, 12, pv_dump_123},
  {"float_neg0", 4, pv_data_124, 21, pv_dump_124},
  {"float_neg0", 5, pv_data_125, 21, pv_dump_125},
  {"float1_5", 0, pv_data_126, 6, pv_dump_126},
  {"float1_5", 1, pv_data_127, 10, pv_dump_127},
  {"float1_5", 2, pv_data_128, 12, pv_dump_128},
  {"float1_5", 3, pv_data_129, 12, pv_dump_129},
  {"float1_5", 4, pv_data_130, 21, pv_dump_130},
  {"float1_5", 5, pv_data_131, 21, pv_dump_131},
  {"float1e300", 0, pv_data_132, 9, pv_dump_132},
  {"float1e300", 1, pv_data_133, 10, pv_dump_133},
  {"float1e300", 2, pv_data_134, 12, pv_dump_134},
  {"float1e300", 3, pv_data_135, 12, pv_dump_135},
  {"float1e300", 4, pv_data_136, 21, pv_dump_136},
  {"float1e300", 5, pv_data_137, 21, pv_dump_137},
  {"float_tiny", 0, pv_data_138, 9, pv_dump_138},
  {"float_tiny", 1, pv_data_139, 10, pv_dump_139},
  {"float_tiny", 2, pv_data_140, 12, pv_dump_140},
  {"float_tiny", 3, pv_data_141, 12, pv_dump_141},
  {"float_tiny", 4, pv_data_142, 21, pv_dump_142},
  {"float_tiny", 5, pv_data_143, 21, pv_dump_143},
  {"float_inf", 0, pv_data_144, 6, pv_dump_144},
  {"float_inf", 1, pv_data_145, 10, pv_dump_145},
  {"float_inf", 2, pv_data_146, 12, pv_dump_146},
  {"float_inf", 3, pv_data_147, 12, pv_dump_147},
  {"float_inf", 4, pv_data_148, 21, pv_dump_148},
  {"float_inf", 5, pv_data_149, 21, pv_dump_149},
  {"float_ninf", 0, pv_data_150, 7, pv_dump_150},
  {"float_ninf", 1, pv_data_151, 10, pv_dump_151},
  {"float_ninf", 2, pv_data_152, 12, pv_dump_152},
  {"float_ninf", 3, pv_data_153, 12, pv_dump_153},
  {"float_ninf", 4, pv_data_154, 21, pv_dump_154},
  {"float_ninf", 5, pv_data_155, 21, pv_dump_155},
  {"float_third", 0, pv_data_156, 21, pv_dump_156},
  {"float_third", 1, pv_data_157, 10, pv_dump_157},
  {"float_third", 2, pv_data_158, 12, pv_dump_158},
  {"float_third", 3, pv_data_159, 12, pv_dump_159},
  {"float_third", 4, pv_data_160, 21, pv_dump_160},
  {"float_third", 5, pv_data_161, 21, pv_dump_161},
  {"str_empty", 0, pv_data_162, 6, pv_dump_162},
  {"str_empty", 1, pv_data_163, 8, pv_dump_163},
  {"str_empty", 2, pv_data_164, 10, pv_dump_164},
  {"str_empty", 3, pv_data_165, 10, pv_dump_165},
  {"str_empty", 4, pv_data_166, 15, pv_dump_166},
  {"str_empty", 5, pv_data_167, 15, pv_dump_167},
  {"str_abc", 0, pv_data_168, 9, pv_dump_168},
  {"str_abc", 1, pv_data_169, 11, pv_dump_169},
  {"str_abc", 2, pv_data_170, 13, pv_dump_170},
  {"str_abc", 3, pv_data_171, 13, pv_dump_171},
  {"str_abc", 4, pv_data_172, 18, pv_dump_172},
  {"str_abc", 5, pv_data_173, 18, pv_dump_173},
  {"str_unicode", 0, pv_data_174, 23, pv_dump_174},
  {"str_unicode", 1, pv_data_175, 17, pv_dump_175},
  {"str_unicode", 2, pv_data_176, 19, pv_dump_176},
  {"str_unicode", 3, pv_data_177, 19, pv_dump_177},
  {"str_unicode", 4, pv_data_178, 24, pv_dump_178},
  {"str_unicode", 5, pv_data_179, 24, pv_dump_179},
  {"str_escapes", 0, pv_data_180, 49, pv_dump_180},
  {"str_escapes", 1, pv_data_181, 21, pv_dump_181},
  {"str_escapes", 2, pv_data_182, 23, pv_dump_182},
  {"str_escapes", 3, pv_data_183, 23, pv_dump_183},
  {"str_escapes", 4, pv_data_184, 28, pv_dump_184},
  {"str_escapes", 5, pv_data_185, 28, pv_dump_185},
  {"str_300", 0, pv_data_186, 306, pv_dump_186},
  {"str_300", 1, pv_data_187, 308, pv_dump_187},
  {"str_300", 2, pv_data_188, 310, pv_dump_188},
  {"str_300", 3, pv_data_189, 310, pv_dump_189},
  {"str_300", 4, pv_data_190, 318, pv_dump_190},
  {"str_300", 5, pv_data_191, 318, pv_dump_191},
  {"str_surrogate", 0, pv_data_192, 12, pv_dump_192},
  {"str_surrogate", 1, pv_data_193, 11, pv_dump_193},
  {"str_surrogate", 2, pv_data_194, 13, pv_dump_194},
  {"str_surrogate", 3, pv_data_195, 13, pv_dump_195},
  {"str_surrogate", 4, pv_data_196, 18, pv_dump_196},
  {"str_surrogate", 5, pv_data_197, 18, pv_dump_197},
  {"str_latin1", 0, pv_data_198, 8, pv_dump_198},
  {"str_latin1", 1, pv_data_199, 12, pv_dump_199},
  {"str_latin1", 2, pv_data_200, 14, pv_dump_200},
  {"str_latin1", 3, pv_data_201, 14, pv_dump_201},
  {"str_latin1", 4, pv_data_202, 19, pv_dump_202},
  {"str_latin1", 5, pv_data_203, 19, pv_dump_203},
  {"bytes_empty", 0, pv_data_204, 29, pv_dump_204},
  {"bytes_empty", 1, pv_data_205, 26, pv_dump_205},
  {"bytes_empty", 2, pv_data_206, 28, pv_dump_206},
  {"bytes_empty", 3, pv_data_207, 7, pv_dump_207},
  {"bytes_empty", 4, pv_data_208, 15, pv_dump_208},
  {"bytes_empty", 5, pv_data_209, 15, pv_dump_209},
  {"bytes_bin", 0, pv_data_210, 53, pv_dump_210},
  {"bytes_bin", 1, pv_data_211, 51, pv_dump_211},
  {"bytes_bin", 2, pv_data_212, 52, pv_dump_212},
  {"bytes_bin", 3, pv_data_213, 10, pv_dump_213},
  {"bytes_bin", 4, pv_data_214, 18, pv_dump_214},
  {"bytes_bin", 5, pv_data_215, 18, pv_dump_215},
  {"bytes_300", 0, pv_data_216, 345, pv_dump_216},
  {"bytes_300", 1, pv_data_217, 346, pv_dump_217},
  {"bytes_300", 2, pv_data_218, 347, pv_dump_218},
  {"bytes_300", 3, pv_data_219, 310, pv_dump_219},
  {"bytes_300", 4, pv_data_220, 318, pv_dump_220},
  {"bytes_300", 5, pv_data_221, 318, pv_dump_221},
  {"bytearray", 0, pv_data_222, 82, pv_dump_222},
  {"bytearray", 1, pv_data_223, 80, pv_dump_223},
  {"bytearray", 2, pv_data_224, 80, pv_dump_224},
  {"bytearray", 3, pv_data_225, 37, pv_dump_225},
  {"bytearray", 4, pv_data_226, 46, pv_dump_226},
  {"bytearray", 5, pv_data_227, 24, pv_dump_227},
  {"bytearray_empty", 0, pv_data_228, 33, pv_dump_228},
  {"bytearray_empty", 1, pv_data_229, 30, pv_dump_229},
  {"bytearray_empty", 2, pv_data_230, 32, pv_dump_230},
  {"bytearray_empty", 3, pv_data_231, 29, pv_dump_231},
  {"bytearray_empty", 4, pv_data_232, 40, pv_dump_232},
  {"bytearray_empty", 5, pv_data_233, 22, pv_dump_233},
  {"tuple0", 0, pv_data_234, 3, pv_dump_234},
  {"tuple0", 1, pv_data_235, 2, pv_dump_235},
  {"tuple0", 2, pv_data_236, 4, pv_dump_236},
  {"tuple0", 3, pv_data_237, 4, pv_dump_237},
  {"tuple0", 4, pv_data_238, 4, pv_dump_238},
  {"tuple0", 5, pv_data_239, 4, pv_dump_239},
  {"tuple1", 0, pv_data_240, 9, pv_dump_240},
  {"tuple1", 1, pv_data_241, 7, pv_dump_241},
  {"tuple1", 2, pv_data_242, 8, pv_dump_242},
  {"tuple1", 3, pv_data_243, 8, pv_dump_243},
  {"tuple1", 4, pv_data_244, 16, pv_dump_244},
  {"tuple1", 5, pv_data_245, 16, pv_dump_245},
  {"tuple2", 0, pv_data_246, 12, pv_dump_246},
  {"tuple2", 1, pv_data_247, 9, pv_dump_247},
  {"tuple2", 2, pv_data_248, 10, pv_dump_248},
  {"tuple2", 3, pv_data_249, 10, pv_dump_249},
  {"tuple2", 4, pv_data_250, 18, pv_dump_250},
  {"tuple2", 5, pv_data_251, 18, pv_dump_251},
  {"tuple3", 0, pv_data_252, 15, pv_dump_252},
  {"tuple3", 1, pv_data_253, 11, pv_dump_253},
  {"tuple3", 2, pv_data_254, 12, pv_dump_254},
  {"tuple3", 3, pv_data_255, 12, pv_dump_255},
  {"tuple3", 4, pv_data_256, 20, pv_dump_256},
  {"tuple3", 5, pv_data_257, 20, pv_dump_257},
  {"tuple4", 0, pv_data_258, 18, pv_dump_258},
  {"tuple4", 1, pv_data_259, 13, pv_dump_259},
  {"tuple4", 2, pv_data_260, 15, pv_dump_260},
  {"tuple4", 3, pv_data_261, 15, pv_dump_261},
  {"tuple4", 4, pv_data_262, 23, pv_dump_262},
  {"tuple4", 5, pv_data_263, 23, pv_dump_263},
  {"tuple_nested", 0, pv_data_264, 29, pv_dump_264},
  {"tuple_nested", 1, pv_data_265, 21, pv_dump_265},
  {"tuple_nested", 2, pv_data_266, 20, pv_dump_266},
  {"tuple_nested", 3, pv_data_267, 20, pv_dump_267},
  {"tuple_nested", 4, pv_data_268, 25, pv_dump_268},
  {"tuple_nested", 5, pv_data_269, 25, pv_dump_269},
  {"list0", 0, pv_data_270, 6, pv_dump_270},
  {"list0", 1, pv_data_271, 4, pv_dump_271},
  {"list0", 2, pv_data_272, 6, pv_dump_272},
  {"list0", 3, pv_data_273, 6, pv_dump_273},
  {"list0", 4, pv_data_274, 5, pv_dump_274},
  {"list0", 5, pv_data_275, 5, pv_dump_275},
  {"list_mixed", 0, pv_data_276, 25, pv_dump_276},
  {"list_mixed", 1, pv_data_277, 26, pv_dump_277},
  {"list_mixed", 2, pv_data_278, 28, pv_dump_278},
  {"list_mixed", 3, pv_data_279, 28, pv_dump_279},
  {"list_mixed", 4, pv_data_280, 32, pv_dump_280},
  {"list_mixed", 5, pv_data_281, 32, pv_dump_281},
  {"list_1001", 2, pv_data_282, 2757, pv_dump_282},
  {"list_1001", 5, pv_data_283, 2765, pv_dump_283},
  {"dict0", 0, pv_data_284, 6, pv_dump_284},
  {"dict0", 1, pv_data_285, 4, pv_dump_285},
  {"dict0", 2, pv_data_286, 6, pv_dump_286},
  {"dict0", 3, pv_data_287, 6, pv_dump_287},
  {"dict0", 4, pv_data_288, 5, pv_dump_288},
  {"dict0", 5, pv_data_289, 5, pv_dump_289},
  {"dict_mixed", 0, pv_data_290, 59, pv_dump_290},
  {"dict_mixed", 1, pv_data_291, 44, pv_dump_291},
  {"dict_mixed", 2, pv_data_292, 44, pv_dump_292},
  {"dict_mixed", 3, pv_data_293, 44, pv_dump_293},
  {"dict_mixed", 4, pv_data_294, 44, pv_dump_294},
  {"dict_mixed", 5, pv_data_295, 44, pv_dump_295},
  {"set0", 0, pv_data_296, 35, pv_dump_296},
  {"set0", 1, pv_data_297, 30, pv_dump_297},
  {"set0", 2, pv_data_298, 31, pv_dump_298},
  {"set0", 3, pv_data_299, 28, pv_dump_299},
  {"set0", 4, pv_data_300, 5, pv_dump_300},
  {"set0", 5, pv_data_301, 5, pv_dump_301},
  {"set3", 0, pv_data_302, 47, pv_dump_302},
  {"set3", 1, pv_data_303, 38, pv_dump_303},
  {"set3", 2, pv_data_304, 39, pv_dump_304},
  {"set3", 3, pv_data_305, 36, pv_dump_305},
  {"set3", 4, pv_data_306, 22, pv_dump_306},
  {"set3", 5, pv_data_307, 22, pv_dump_307},
  {"frozenset0", 0, pv_data_308, 41, pv_dump_308},
  {"frozenset0", 1, pv_data_309, 36, pv_dump_309},
  {"frozenset0", 2, pv_data_310, 37, pv_dump_310},
  {"frozenset0", 3, pv_data_311, 34, pv_dump_311},
  {"frozenset0", 4, pv_data_312, 15, pv_dump_312},
  {"frozenset0", 5, pv_data_313, 15, pv_dump_313},
  {"frozenset1", 0, pv_data_314, 48, pv_dump_314},
  {"frozenset1", 1, pv_data_315, 45, pv_dump_315},
  {"frozenset1", 2, pv_data_316, 46, pv_dump_316},
  {"frozenset1", 3, pv_data_317, 43, pv_dump_317},
  {"frozenset1", 4, pv_data_318, 19, pv_dump_318},
  {"frozenset1", 5, pv_data_319, 19, pv_dump_319},
  {"set_nested", 0, pv_data_320, 92, pv_dump_320},
  {"set_nested", 1, pv_data_321, 78, pv_dump_321},
  {"set_nested", 2, pv_data_322, 77, pv_dump_322},
  {"set_nested", 3, pv_data_323, 71, pv_dump_323},
  {"set_nested", 4, pv_data_324, 27, pv_dump_324},
  {"set_nested", 5, pv_data_325, 27, pv_dump_325},
  {"shared", 0, pv_data_326, 18, pv_dump_326},
  {"shared", 1, pv_data_327, 13, pv_dump_327},
  {"shared", 2, pv_data_328, 14, pv_dump_328},
  {"shared", 3, pv_data_329, 14, pv_dump_329},
  {"shared", 4, pv_data_330, 21, pv_dump_330},
  {"shared", 5, pv_data_331, 21, pv_dump_331},
  {"request", 0, pv_data_332, 38, pv_dump_332},
  {"request", 1, pv_data_333, 38, pv_dump_333},
  {"request", 2, pv_data_334, 39, pv_dump_334},
  {"request", 3, pv_data_335, 39, pv_dump_335},
  {"request", 4, pv_data_336, 37, pv_dump_336},
  {"request", 5, pv_data_337, 37, pv_dump_337},
  {"call", 0, pv_data_338, 72, pv_dump_338},
  {"call", 1, pv_data_339, 70, pv_dump_339},
  {"call", 2, pv_data_340, 68, pv_dump_340},
  {"call", 3, pv_data_341, 68, pv_dump_341},
  {"call", 4, pv_data_342, 56, pv_dump_342},
  {"call", 5, pv_data_343, 56, pv_dump_343},
  {"reply", 0, pv_data_344, 19, pv_dump_344},
  {"reply", 1, pv_data_345, 20, pv_dump_345},
  {"reply", 2, pv_data_346, 21, pv_dump_346},
  {"reply", 3, pv_data_347, 21, pv_dump_347},
  {"reply", 4, pv_data_348, 25, pv_dump_348},
  {"reply", 5, pv_data_349, 25, pv_dump_349},
  {"object", 0, pv_data_350, 97, pv_dump_350},
  {"object", 1, pv_data_351, 91, pv_dump_351},
  {"object", 2, pv_data_352, 40, pv_dump_352},
  {"object", 3, pv_data_353, 40, pv_dump_353},
  {"object", 4, pv_data_354, 46, pv_dump_354},
  {"object", 5, pv_data_355, 46, pv_dump_355},
  {"exception", 0, pv_data_356, 45, pv_dump_356},
  {"exception", 1, pv_data_357, 44, pv_dump_357},
  {"exception", 2, pv_data_358, 45, pv_dump_358},
  {"exception", 3, pv_data_359, 43, pv_dump_359},
  {"exception", 4, pv_data_360, 49, pv_dump_360},
  {"exception", 5, pv_data_361, 49, pv_dump_361},
  {"keyerror", 0, pv_data_362, 40, pv_dump_362},
  {"keyerror", 1, pv_data_363, 39, pv_dump_363},
  {"keyerror", 2, pv_data_364, 40, pv_dump_364},
  {"keyerror", 3, pv_data_365, 38, pv_dump_365},
  {"keyerror", 4, pv_data_366, 44, pv_dump_366},
  {"keyerror", 5, pv_data_367, 44, pv_dump_367},
  {"ordereddict", 0, pv_data_368, 55, pv_dump_368},
  {"ordereddict", 1, pv_data_369, 54, pv_dump_369},
  {"ordereddict", 2, pv_data_370, 56, pv_dump_370},
  {"ordereddict", 3, pv_data_371, 56, pv_dump_371},
  {"ordereddict", 4, pv_data_372, 59, pv_dump_372},
  {"ordereddict", 5, pv_data_373, 59, pv_dump_373},
  {"token", 0, pv_data_374, 149, pv_dump_374},
  {"token", 1, pv_data_375, 149, pv_dump_375},
  {"token", 2, pv_data_376, 97, pv_dump_376},
  {"token", 3, pv_data_377, 97, pv_dump_377},
  {"token", 4, pv_data_378, 95, pv_dump_378},
  {"token", 5, pv_data_379, 95, pv_dump_379},
  {"class", 0, pv_data_380, 20, pv_dump_380},
  {"class", 1, pv_data_381, 19, pv_dump_381},
  {"class", 2, pv_data_382, 21, pv_dump_382},
  {"class", 3, pv_data_383, 21, pv_dump_383},
  {"class", 4, pv_data_384, 33, pv_dump_384},
  {"class", 5, pv_data_385, 33, pv_dump_385},
};
/* clang-format on */
