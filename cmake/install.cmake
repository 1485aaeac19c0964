# `cmake --install`: the public headers, both libraries, the shell, a CMake package
# (find_package(linkgraph CONFIG) -> linkgraph::linkgraph, linkgraph::linkgraph_static) and
# linkgraph.pc for pkg-config.
include(CMakePackageConfigHelpers)

set(LG_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/linkgraph)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/linkgraph ${PROJECT_BINARY_DIR}/include/linkgraph
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)
install(TARGETS linkgraph EXPORT linkgraphTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
                NAMELINK_COMPONENT development)
install(TARGETS linkgraph_static EXPORT linkgraphTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
if(TARGET linkgraph_shell)
  install(TARGETS linkgraph_shell RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()

install(EXPORT linkgraphTargets NAMESPACE linkgraph:: DESTINATION ${LG_CMAKE_DIR}
        COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/linkgraphConfig.cmake.in
  ${PROJECT_BINARY_DIR}/linkgraphConfig.cmake INSTALL_DESTINATION ${LG_CMAKE_DIR})
# 0.x: only the same minor version is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/linkgraphConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/linkgraphConfig.cmake
              ${PROJECT_BINARY_DIR}/linkgraphConfigVersion.cmake
        DESTINATION ${LG_CMAKE_DIR} COMPONENT development)

# The prefix relative to the .pc file, so `cmake --install --prefix DIR` works for any DIR.
file(RELATIVE_PATH LG_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" LG_PC_TO_PREFIX "${LG_PC_TO_PREFIX}")
# libpq in Libs.private rather than Requires.private: Debian's libpq.pc lists static archives
# (-lpgcommon -lpgport) that libpq-dev does not ship, so `pkg-config --static` through it could
# never link.
set(LG_PC_LIBPQ "")
foreach(dir ${LIBPQ_LIBRARY_DIRS})
  string(APPEND LG_PC_LIBPQ "-L${dir} ")
endforeach()
string(APPEND LG_PC_LIBPQ "-lpq")
configure_file(${PROJECT_SOURCE_DIR}/cmake/linkgraph.pc.in ${PROJECT_BINARY_DIR}/linkgraph.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/linkgraph.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
