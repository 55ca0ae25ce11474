# `cpack -G DEB` in the build directory: a Debian package of what
# install.cmake installs, under /usr. The shared-library dependencies are
# computed by dpkg-shlibdeps (dpkg-dev); ninja is added by hand because
# wfgen writes files for it and the CMake package runs it.
set(CPACK_PACKAGE_NAME wfgen)
set(CPACK_PACKAGE_VENDOR "wfgen")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Ninja files from spaCy/weasel project.yml, with parallel workflow steps")
set(CPACK_PACKAGE_DESCRIPTION
    "wfgen reads a spaCy/weasel project.yml (commands, workflows, deps, outputs and parallel groups) and writes a Ninja file; its wrapper wfgen-run decides by content whether a step must run. Includes a CMake package (find_package(wfgen)) and a JSON Schema for project.yml.")
set(CPACK_PACKAGE_CONTACT "wfgen maintainers <wfgen@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ninja-build")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3")
set(CPACK_GENERATOR DEB)
include(CPack)
