# SPDX-License-Identifier: MIT
# Finds cmocka and defines the imported target mproc::cmocka.
#
# Where cmocka comes from, in the order tried:
#
#   1. CMOCKA_ROOT (a CMake or environment variable) or CMAKE_PREFIX_PATH:
#      a prefix with include/cmocka.h and lib/libcmocka-static.a or
#      libcmocka.{so,a,dll.a} / cmocka.lib. ci/build-cmocka-mingw.sh makes
#      such a prefix for the mingw cross build. Searched as given, even when
#      cross compiling (the toolchain file otherwise confines searches to
#      the mingw sysroot).
#   2. cmocka's CMake package: a cmocka::cmocka target (vcpkg, cmocka >=
#      1.1.6) or the CMOCKA_INCLUDE_DIR / CMOCKA_LIBRARY variables that
#      cmocka 1.1.5 sets (Debian 12's libcmocka-dev).
#   3. pkg-config (cmocka.pc), then a plain search of the system paths.
#
# Sets MPROC_CMOCKA_FOUND.

set(MPROC_CMOCKA_FOUND FALSE)
if(TARGET mproc::cmocka)
  set(MPROC_CMOCKA_FOUND TRUE)
  return()
endif()

# The static library first: a test binary that carries cmocka needs no
# DLL beside it under wine.
set(_mproc_cmocka_names cmocka-static cmocka_static cmocka)

set(_mproc_cmocka_roots)
foreach(_root IN ITEMS "${CMOCKA_ROOT}" "$ENV{CMOCKA_ROOT}" ${CMAKE_PREFIX_PATH})
  if(_root)
    list(APPEND _mproc_cmocka_roots "${_root}")
  endif()
endforeach()

set(_mproc_cmocka_inc "")
set(_mproc_cmocka_lib "")

# 1. An explicit prefix.
if(_mproc_cmocka_roots)
  find_path(MPROC_CMOCKA_INCLUDE_DIR cmocka.h
    PATHS ${_mproc_cmocka_roots} PATH_SUFFIXES include
    NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  find_library(MPROC_CMOCKA_LIBRARY NAMES ${_mproc_cmocka_names}
    PATHS ${_mproc_cmocka_roots} PATH_SUFFIXES lib lib64
    NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  if(MPROC_CMOCKA_INCLUDE_DIR AND MPROC_CMOCKA_LIBRARY)
    set(_mproc_cmocka_inc "${MPROC_CMOCKA_INCLUDE_DIR}")
    set(_mproc_cmocka_lib "${MPROC_CMOCKA_LIBRARY}")
  endif()
endif()

# 2. cmocka's own CMake package.
if(NOT _mproc_cmocka_lib)
  find_package(cmocka CONFIG QUIET)
  if(TARGET cmocka::cmocka)
    add_library(mproc::cmocka INTERFACE IMPORTED)
    target_link_libraries(mproc::cmocka INTERFACE cmocka::cmocka)
    set(MPROC_CMOCKA_FOUND TRUE)
    message(STATUS "cmocka: CMake package (cmocka::cmocka) in ${cmocka_DIR}")
    return()
  elseif(TARGET cmocka::cmocka-static)
    add_library(mproc::cmocka INTERFACE IMPORTED)
    target_link_libraries(mproc::cmocka INTERFACE cmocka::cmocka-static)
    set(MPROC_CMOCKA_FOUND TRUE)
    message(STATUS "cmocka: CMake package (cmocka::cmocka-static) in ${cmocka_DIR}")
    return()
  elseif(cmocka_FOUND AND CMOCKA_LIBRARY AND EXISTS "${CMOCKA_LIBRARY}"
         AND CMOCKA_INCLUDE_DIR)
    set(_mproc_cmocka_inc "${CMOCKA_INCLUDE_DIR}")
    set(_mproc_cmocka_lib "${CMOCKA_LIBRARY}")
  endif()
endif()

# 3. pkg-config, then the default search paths.
if(NOT _mproc_cmocka_lib)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(PC_CMOCKA QUIET cmocka)
  endif()
  find_path(MPROC_CMOCKA_INCLUDE_DIR cmocka.h HINTS ${PC_CMOCKA_INCLUDE_DIRS})
  find_library(MPROC_CMOCKA_LIBRARY NAMES ${_mproc_cmocka_names}
    HINTS ${PC_CMOCKA_LIBRARY_DIRS})
  if(MPROC_CMOCKA_INCLUDE_DIR AND MPROC_CMOCKA_LIBRARY)
    set(_mproc_cmocka_inc "${MPROC_CMOCKA_INCLUDE_DIR}")
    set(_mproc_cmocka_lib "${MPROC_CMOCKA_LIBRARY}")
  endif()
endif()

if(_mproc_cmocka_lib)
  add_library(mproc::cmocka UNKNOWN IMPORTED)
  set_target_properties(mproc::cmocka PROPERTIES
    IMPORTED_LOCATION "${_mproc_cmocka_lib}"
    INTERFACE_INCLUDE_DIRECTORIES "${_mproc_cmocka_inc}")
  set(MPROC_CMOCKA_FOUND TRUE)
  message(STATUS "cmocka: ${_mproc_cmocka_lib}")
endif()

unset(_mproc_cmocka_names)
unset(_mproc_cmocka_roots)
unset(_mproc_cmocka_inc)
unset(_mproc_cmocka_lib)
