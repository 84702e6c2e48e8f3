# SPDX-License-Identifier: MIT
# mproc_compile_options(<target>)
#
# The language level and warning flags shared by the library, the tests,
# the examples and the benchmarks. Applied to each target privately: they
# never leak to users of the installed library.
#
# Warnings are errors on every compiler with MPROC_WERROR (off by default;
# CI and developers turn it on, and CI builds every build type with it).

function(mproc_compile_options target)
  set_target_properties(${target} PROPERTIES
    C_STANDARD 11
    C_STANDARD_REQUIRED ON
    # Strict C11: the sources ask for POSIX/GNU interfaces themselves
    # (_GNU_SOURCE at the top of the files that need it), and the
    # GCC/Clang __atomic builtins and _Thread_local need no -std=gnu11.
    C_EXTENSIONS OFF)

  if(MSVC)
    # /W4: MSVC's counterpart of -Wall -Wextra, including C4100
    # (unreferenced parameter), kept on like -Wunused-parameter: a backend
    # function that ignores an argument says so with (void)arg.
    target_compile_options(${target} PRIVATE /W4 /utf-8)
    if(MPROC_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
    target_compile_definitions(${target} PRIVATE
      # The portable C library calls (strerror, strncpy, getenv, ...) are
      # what a cross-platform library must use; MSVC's *_s "secure"
      # replacements are not in C11 proper. Silence C4996 for those only.
      _CRT_SECURE_NO_WARNINGS
      _CRT_NONSTDC_NO_WARNINGS)
  else()
    # GCC, Clang and mingw-w64 gcc.
    target_compile_options(${target} PRIVATE
      -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes)
    if(MPROC_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()

  if(MINGW)
    # mingw-w64's own C99 printf family (%zu, %lld, %hhd work and GCC checks
    # formats as gnu_printf) rather than the old msvcrt.dll one.
    target_compile_definitions(${target} PRIVATE __USE_MINGW_ANSI_STDIO=1)
  endif()
endfunction()
