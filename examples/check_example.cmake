# SPDX-License-Identifier: MIT
# Runs one example the way its ctest test does (cmake -P, from
# examples/CMakeLists.txt) and checks that it prints exactly what its
# Python twin prints:
#
#   PROGRAM    the example (mproc-<name>[.exe])
#   EMULATOR   how to run it ("" natively; wine's loader in a cross build),
#              a list with "|" for ";" (ctest would split a ";" list into
#              separate arguments of this script)
#   METHODS    the start methods to run it with ("fork|spawn", or "spawn")
#   EXPECTED   examples/expected/<name>.txt, what the twin prints with
#              --small (checked in: wine has no python)
#   PYTHON     a python3 to run the twin live as well, or ""
#   TWIN       examples/<name>.py
#   ARGS       further arguments for both ("|"-separated; "--small" in CI)
#
# Line ends: a Windows program's stdout is in text mode, so the .exe (and a
# Windows python3 alike) writes "\r\n"; both sides are compared with "\n".
# Everything else must match byte for byte.
cmake_minimum_required(VERSION 3.20)

foreach(var PROGRAM METHODS EXPECTED)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_example.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "|" ";" emulator "${EMULATOR}")
string(REPLACE "|" ";" methods "${METHODS}")
string(REPLACE "|" ";" args "${ARGS}")
file(READ "${EXPECTED}" expected)
set(failed "")

# run(OUT_VAR label command...): the command's stdout, "\r\n" as "\n"; a
# nonzero exit or a timeout fails the test with its stderr.
function(run out_var label)
  execute_process(COMMAND ${ARGN}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc
    TIMEOUT 200)
  string(REPLACE "\r\n" "\n" out "${out}")
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "${label}: exit status ${rc}\n--- stderr:\n${err}"
      "--- stdout:\n${out}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

# same(label got want want_label): reports a difference with both texts.
function(same label got want want_label)
  if(got STREQUAL want)
    message(STATUS "${label}: same as ${want_label}")
  else()
    # STATUS prints the texts as they are (an error message is reflowed).
    message(STATUS "--- ${label}:\n${got}--- ${want_label}:\n${want}---")
    message(SEND_ERROR "${label} differs from ${want_label} (both above)")
  endif()
endfunction()

foreach(method IN LISTS methods)
  run(c "C, ${method}" ${emulator} "${PROGRAM}" --start-method ${method}
    ${args})
  same("C, ${method}" "${c}" "${expected}" "${EXPECTED}")
  if(PYTHON AND TWIN)
    run(py "python, ${method}" "${PYTHON}" "${TWIN}" --start-method ${method}
      ${args})
    same("C, ${method}" "${c}" "${py}" "the Python twin, ${method}")
  endif()
endforeach()
