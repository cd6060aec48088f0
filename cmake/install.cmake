# What `cmake --install` puts under the prefix, and the Debian package that
# `cpack -G DEB` makes of it (README: Install).
#   bin/tairlint                                   the CLI
#   include/tairlint/tairlint.h, lib/libtairlint.a the library
#   lib/cmake/tairlint/                            find_package(tairlint)
#   lib/pkgconfig/tairlint.pc                      pkg-config tairlint
#   share/man/man1/tairlint.1                      man tairlint
#   share/bash-completion, zsh, fish               completions
include(CMakePackageConfigHelpers)

# zsh looks in site-functions under /usr/local, and on Debian in
# vendor-completions under /usr (the package's prefix).
# -DTAIRLINT_ZSH_COMPLETION_DIR=DIR (under the prefix) chooses another.
if(NOT TAIRLINT_ZSH_COMPLETION_DIR AND CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(TAIRLINT_ZSH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
elseif(NOT TAIRLINT_ZSH_COMPLETION_DIR)
  set(TAIRLINT_ZSH_COMPLETION_DIR ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
endif()

# Two components, two Debian packages: `cli` (tairlint: the command, its man
# page and completions) and `dev` (tairlint-dev: header, library, CMake and
# pkg-config files).

install(TARGETS tairlint EXPORT tairlintTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(FILES ${PROJECT_SOURCE_DIR}/lib/include/tairlint/tairlint.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tairlint COMPONENT dev)

set(TAIRLINT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tairlint)
install(EXPORT tairlintTargets NAMESPACE tairlint:: DESTINATION ${TAIRLINT_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tairlintConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tairlintConfig.cmake INSTALL_DESTINATION ${TAIRLINT_CMAKE_DIR})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tairlintConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tairlintConfig.cmake ${PROJECT_BINARY_DIR}/tairlintConfigVersion.cmake
        DESTINATION ${TAIRLINT_CMAKE_DIR} COMPONENT dev)

# The .pc finds the prefix from its own place, so that it holds for any
# prefix, the package's /usr included.
file(RELATIVE_PATH TAIRLINT_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" TAIRLINT_PC_TO_PREFIX "${TAIRLINT_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/tairlint.pc.in ${PROJECT_BINARY_DIR}/tairlint.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tairlint.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

if(TAIRLINT_BUILD_CLI)
  install(TARGETS tairlint_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
  # The man page and the completions are printed by the CLI itself, from its
  # own definition of commands and options, so they cannot fall behind it.
  set(TAIRLINT_SHELL_FILES ${PROJECT_BINARY_DIR}/share/tairlint.1 ${PROJECT_BINARY_DIR}/share/tairlint.bash
                           ${PROJECT_BINARY_DIR}/share/_tairlint ${PROJECT_BINARY_DIR}/share/tairlint.fish)
  add_custom_command(
    OUTPUT ${TAIRLINT_SHELL_FILES}
    COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:tairlint_cli> -DOUT=${PROJECT_BINARY_DIR}/share
            -P ${PROJECT_SOURCE_DIR}/cmake/shell_files.cmake
    DEPENDS tairlint_cli ${PROJECT_SOURCE_DIR}/cmake/shell_files.cmake
    COMMENT "Writing the man page and shell completions")
  add_custom_target(tairlint_shell_files ALL DEPENDS ${TAIRLINT_SHELL_FILES})
  install(FILES ${PROJECT_BINARY_DIR}/share/tairlint.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
  install(FILES ${PROJECT_BINARY_DIR}/share/tairlint.bash RENAME tairlint
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)
  install(FILES ${PROJECT_BINARY_DIR}/share/_tairlint DESTINATION ${TAIRLINT_ZSH_COMPLETION_DIR} COMPONENT cli)
  install(FILES ${PROJECT_BINARY_DIR}/share/tairlint.fish
          DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT cli)
  # The rules' pages, where SARIF's helpUri points by default.
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/rules/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/rules COMPONENT cli)
endif()

include(${PROJECT_SOURCE_DIR}/cmake/package.cmake)
