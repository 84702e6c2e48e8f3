# SPDX-License-Identifier: MIT
# Cross compiling for 64-bit Windows with Debian's mingw-w64 toolchain
# (package gcc-mingw-w64-x86-64), running the results under wine.
#
#   cmake -S . -B build/windows -G Ninja \
#     -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64-x86_64.cmake \
#     -DCMOCKA_ROOT=$PWD/build/deps/cmocka-mingw
#
# ctest then runs every test through CMAKE_CROSSCOMPILING_EMULATOR (wine).

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(MPROC_MINGW_TRIPLE x86_64-w64-mingw32)

# Debian ships two flavours of the compiler: -win32 (native Windows threads)
# and -posix (threads through libwinpthread). mproc uses Windows threads
# directly, and the -win32 flavour has no libwinpthread-1.dll to carry
# around, so prefer it whatever the system's alternatives point at.
find_program(CMAKE_C_COMPILER
  NAMES ${MPROC_MINGW_TRIPLE}-gcc-win32 ${MPROC_MINGW_TRIPLE}-gcc
  REQUIRED)
find_program(CMAKE_RC_COMPILER NAMES ${MPROC_MINGW_TRIPLE}-windres)

# Headers, libraries and CMake packages of the target come from the mingw
# sysroot and from the prefixes the user names in CMAKE_PREFIX_PATH (an
# installed mproc for Windows: `-DCMAKE_PREFIX_PATH=<prefix>`); programs
# (the compiler, wine) from the host. ONLY mode re-roots every search path
# under CMAKE_FIND_ROOT_PATH, which turned <prefix> into
# /usr/x86_64-w64-mingw32/<prefix> and made find_package(mproc) fail; a
# path that is itself a root is searched as it is, so the prefixes join the
# roots. Mode BOTH would also find them, and with them the host's Linux
# packages (Debian's cmocka, OpenSSL...) for a Windows target.
set(CMAKE_FIND_ROOT_PATH /usr/${MPROC_MINGW_TRIPLE})
foreach(mproc_prefix IN LISTS CMAKE_PREFIX_PATH ENV{CMAKE_PREFIX_PATH})
  if(IS_ABSOLUTE "${mproc_prefix}")
    list(APPEND CMAKE_FIND_ROOT_PATH "${mproc_prefix}")
  endif()
endforeach()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Make the executables and DLLs self-contained, so that wine (or a Windows
# machine) needs nothing but the system DLLs: libgcc is linked statically
# (no libgcc_s_seh-1.dll), and executables are linked with -static, which
# also covers libwinpthread-1.dll should the -posix compiler be used.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc -static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static-libgcc")

# wine runs the tests. Debian 12's wine64 package installs the loader as
# /usr/lib/wine/wine64 and /usr/bin/wine is a wrapper around it that
# complains when wine32 is missing; use the 64-bit loader directly when it
# is there.
find_program(MPROC_WINE
  NAMES wine64 wine
  PATHS /usr/lib/wine /usr/lib64/wine /opt/wine-stable/bin
  NO_CMAKE_FIND_ROOT_PATH)
if(MPROC_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${MPROC_WINE}")
endif()
