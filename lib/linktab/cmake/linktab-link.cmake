# linktab_link_entries(TARGET <PRIVATE|PUBLIC|INTERFACE> LIBRARY...): links static libraries
# whose objects hold linker table entries so that every object is linked.
#
# A linker takes an object out of a static archive only when it resolves a symbol something
# else needs. An object that only adds table entries resolves nothing, so a plain
# target_link_libraries() drops it and its entries vanish without a message (linktab cannot
# see an object that was never linked). This links the archives whole (CMake's WHOLE_ARCHIVE
# feature: --whole-archive with GNU ld and lld).
function(linktab_link_entries target scope)
  foreach(library IN LISTS ARGN)
    target_link_libraries(${target} ${scope} "$<LINK_LIBRARY:WHOLE_ARCHIVE,${library}>")
  endforeach()
endfunction()
