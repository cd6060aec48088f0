# `cpack -G DEB` in the build folder: tairlint_<version>_amd64.deb (the
# command; its shared-library dependencies, if any, found by dpkg-shlibdeps:
# none when it is linked statically) and tairlint-dev_<version>_amd64.deb
# (the library, which needs the -dev packages of what it links). Configure
# with -DCMAKE_INSTALL_PREFIX=/usr so that the paths are Debian's.
set(CPACK_PACKAGE_NAME tairlint)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Checks Alibaba Cloud Tair CreateInstances and CreateTairKVCacheVNode requests offline")
set(CPACK_PACKAGE_DESCRIPTION
    "tairlint reads request payloads (JSON, YAML, query strings) and reports the error codes the service "
    "would answer, with the line and column of each offending value.")
# There is no public home or list yet: set these when you publish a package.
if(NOT CPACK_PACKAGE_CONTACT)
  set(CPACK_PACKAGE_CONTACT "tairlint maintainers <set-CPACK_PACKAGE_CONTACT@invalid>")
endif()
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)  # the command; CMake leaves the static library its symbols
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME tairlint)
set(CPACK_DEBIAN_CLI_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME tairlint-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "nlohmann-json3-dev (>= 3.11), libre2-dev, libyaml-dev, pkg-config")
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS tairlint)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
include(CPack)
