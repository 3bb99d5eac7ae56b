# cmake --install: the package a kernel author builds on (find_package(unientry)) and the
# stand-alone linktab package (find_package(linktab), pkg-config linktab).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(unientry_share "${CMAKE_INSTALL_DATADIR}/unientry")
set(unientry_libdir "lib/unientry")

# linktab: one header, a CMake package and a pkg-config file.
install(FILES "${PROJECT_SOURCE_DIR}/lib/linktab/include/linktab/linktab.h" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/linktab")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/linktab-config-version.cmake" COMPATIBILITY SameMinorVersion
                                 ARCH_INDEPENDENT)
install(FILES "${PROJECT_SOURCE_DIR}/lib/linktab/cmake/linktab-config.cmake"
              "${PROJECT_SOURCE_DIR}/lib/linktab/cmake/linktab-link.cmake"
              "${PROJECT_BINARY_DIR}/linktab-config-version.cmake"
        DESTINATION "lib/cmake/linktab")
configure_file("${PROJECT_SOURCE_DIR}/lib/linktab/linktab.pc.in" "${PROJECT_BINARY_DIR}/linktab.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/linktab.pc" DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")

# unientry: the public API in include/unientry, the libraries it rests on in
# include/unientry/lib (all a kernel includes lives under include/unientry; linktab.h is the
# linktab package's), the kernel libraries, the linker script, the setup, the tools.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/unientry" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
foreach(library abi base inittab bootinfo platform frames acpi)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/lib/${library}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/unientry/lib")
endforeach()
install(FILES ${UNIENTRY_KERNEL_ARTIFACTS} "${PROJECT_SOURCE_DIR}/kernel/linker.ld" DESTINATION "${unientry_libdir}")
install(TARGETS unientry-inspect unientry-matrix unientry-mkbzimage RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(PROGRAMS "${PROJECT_SOURCE_DIR}/tests/boot/boot-qemu.sh" DESTINATION "${unientry_share}")
install(FILES "${PROJECT_SOURCE_DIR}/tests/boot/matrix.tsv" "${PROJECT_SOURCE_DIR}/tests/boot/facts.tsv" DESTINATION "${unientry_share}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/unientry-config-version.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_SOURCE_DIR}/cmake/unientry-config.cmake" "${PROJECT_SOURCE_DIR}/cmake/unientry-framework.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/unientry-kernel.cmake" "${PROJECT_SOURCE_DIR}/cmake/unientry-kernel-flags.cmake"
              "${PROJECT_BINARY_DIR}/unientry-config-version.cmake"
        DESTINATION "lib/cmake/unientry")
