# `cmake --install build --prefix P`: the two binaries, the CMake package
# (find_package(wfgen CONFIG)), the JSON Schema of project.yml, the project
# templates and the documentation. cpack.cmake packages the same tree.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(WFGEN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/wfgen" CACHE STRING
    "Where the CMake package goes, relative to the prefix")
set(WFGEN_INSTALL_SCHEMA "${CMAKE_INSTALL_DATADIR}/wfgen/project.schema.json")

install(TARGETS wfgen wfgen-run wfgen-transfer EXPORT wfgenTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT wfgenTargets NAMESPACE wfgen:: DESTINATION ${WFGEN_INSTALL_CMAKEDIR})

configure_package_config_file(cmake/wfgenConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/wfgenConfig.cmake
  INSTALL_DESTINATION ${WFGEN_INSTALL_CMAKEDIR}
  PATH_VARS WFGEN_INSTALL_SCHEMA)
# Executables only: a 32-bit consumer may use them as well as a 64-bit one.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/wfgenConfigVersion.cmake
  COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/wfgenConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/wfgenConfigVersion.cmake
  cmake/WfgenAddWorkflow.cmake
  DESTINATION ${WFGEN_INSTALL_CMAKEDIR})

install(FILES docs/project.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/wfgen)
file(GLOB WFGEN_DOCS CONFIGURE_DEPENDS docs/*.md)
install(FILES README.md ${WFGEN_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})

# `wfgen init` reads templates/. Whether the directory exists is decided at
# install time, not at configure time, so templates added after the build
# tree was configured are installed too.
install(CODE "
  if(EXISTS \"${CMAKE_CURRENT_SOURCE_DIR}/templates\")
    file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/wfgen\"
         TYPE DIRECTORY FILES \"${CMAKE_CURRENT_SOURCE_DIR}/templates\")
  endif()")
