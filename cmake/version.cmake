# The version, from git when the source is a git checkout of its own with a
# tag vX.Y.Z: TAIRLINT_VERSION_NUMBER is the tag's X.Y.Z and
# TAIRLINT_VERSION_COMMIT what `git describe` says (v0.1.0-3-g1a2b3c4).
# Without such a tag the number is TAIRLINT_BASE_VERSION and the commit the
# short hash, if any. Included before project(), which takes the number.
set(TAIRLINT_VERSION_NUMBER ${TAIRLINT_BASE_VERSION})
set(TAIRLINT_VERSION_COMMIT "")
find_program(TAIRLINT_GIT git)
if(TAIRLINT_GIT)
  # Only this checkout's own history: inside a parent project's repository
  # (a vendored copy), the parent's tags say nothing about tairlint.
  execute_process(COMMAND ${TAIRLINT_GIT} rev-parse --show-toplevel
                  WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                  OUTPUT_VARIABLE _top OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc ERROR_QUIET)
  if(_rc EQUAL 0 AND EXISTS "${_top}")
    file(REAL_PATH "${_top}" _top)
    file(REAL_PATH "${CMAKE_CURRENT_SOURCE_DIR}" _here)
  endif()
  if(_rc EQUAL 0 AND _top STREQUAL _here)
    execute_process(COMMAND ${TAIRLINT_GIT} describe --tags --match "v[0-9]*" --abbrev=7
                    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                    OUTPUT_VARIABLE _describe OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc ERROR_QUIET)
    if(_rc EQUAL 0 AND _describe MATCHES "^v([0-9]+\\.[0-9]+\\.[0-9]+)(-[0-9]+-g[0-9a-f]+)?$")
      set(TAIRLINT_VERSION_NUMBER ${CMAKE_MATCH_1})
      set(TAIRLINT_VERSION_COMMIT ${_describe})
    else()
      execute_process(COMMAND ${TAIRLINT_GIT} rev-parse --short=7 HEAD
                      WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                      OUTPUT_VARIABLE _hash OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc ERROR_QUIET)
      if(_rc EQUAL 0)
        set(TAIRLINT_VERSION_COMMIT "commit ${_hash}")
      endif()
    endif()
    # A new commit or tag configures again, so that --version follows it:
    # HEAD, the tags, and the branch HEAD is on (when it is on one).
    execute_process(COMMAND ${TAIRLINT_GIT} symbolic-ref -q HEAD
                    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                    OUTPUT_VARIABLE _branch OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    foreach(_ref HEAD packed-refs refs/tags ${_branch})
      execute_process(COMMAND ${TAIRLINT_GIT} rev-parse --git-path ${_ref}
                      WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                      OUTPUT_VARIABLE _path OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      get_filename_component(_path "${_path}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
      if(EXISTS "${_path}")
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_path}")
      endif()
    endforeach()
  endif()
endif()
