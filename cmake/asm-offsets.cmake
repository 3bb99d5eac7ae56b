# cmake -DINPUT=asm-offsets.s -DOUTPUT=asm-offsets.h -P asm-offsets.cmake
# Turns the "->NAME VALUE" markers that kernel/generate/asm-offsets.cc leaves in its assembly
# output into a header of #defines for the assembly sources.
file(STRINGS "${INPUT}" lines REGEX "->")
set(text "/* Generated from kernel/generate/asm-offsets.cc by cmake/asm-offsets.cmake: do not edit. */\n")
string(APPEND text "#pragma once\n\n")
set(count 0)
foreach(line IN LISTS lines)
  if(line MATCHES "->([A-Za-z0-9_]+) \\$?(-?[0-9]+)")
    string(APPEND text "#define ${CMAKE_MATCH_1} ${CMAKE_MATCH_2}\n")
    math(EXPR count "${count} + 1")
  endif()
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "asm-offsets: no ->NAME VALUE markers in ${INPUT}")
endif()
file(WRITE "${OUTPUT}.tmp" "${text}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
