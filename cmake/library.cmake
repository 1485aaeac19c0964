# The library, twice from the same objects: linkgraph::linkgraph (shared, exporting only the
# public API through hidden visibility and a version script) and linkgraph::linkgraph_static.
# Consumers get include/linkgraph and the dependencies its headers need (abseil's status);
# simdjson, RE2, libpq and the rest of abseil are private (link-only for the static library).
set(LG_OBJECTS $<TARGET_OBJECTS:linkgraph_base> $<TARGET_OBJECTS:linkgraph_dsl>
               $<TARGET_OBJECTS:linkgraph_engine> $<TARGET_OBJECTS:linkgraph_modules>
               $<TARGET_OBJECTS:linkgraph_postgres>)
set(LG_PRIVATE_LINK absl::strings absl::flat_hash_map absl::flat_hash_set absl::btree absl::hash
                    absl::time simdjson::simdjson PkgConfig::RE2 PkgConfig::LIBPQ)

add_library(linkgraph SHARED ${LG_OBJECTS})
add_library(linkgraph_static STATIC ${LG_OBJECTS})
add_library(linkgraph::linkgraph ALIAS linkgraph)
add_library(linkgraph::linkgraph_static ALIAS linkgraph_static)
foreach(target linkgraph linkgraph_static)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${target} PUBLIC absl::status absl::statusor PRIVATE ${LG_PRIVATE_LINK})
  target_compile_features(${target} PUBLIC cxx_std_20)
endforeach()

set(LG_VERSION_SCRIPT ${PROJECT_SOURCE_DIR}/cmake/linkgraph.map)
set_target_properties(linkgraph PROPERTIES
  VERSION ${PROJECT_VERSION}
  # 0.x: every minor release may change the ABI.
  SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
  LINK_DEPENDS ${LG_VERSION_SCRIPT})
target_link_options(linkgraph PRIVATE -Wl,--version-script=${LG_VERSION_SCRIPT})
# Every symbol resolved at link time (sanitizer runtimes resolve theirs from the program).
if(NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize" AND NOT LINKGRAPH_FUZZ)
  target_link_options(linkgraph PRIVATE -Wl,--no-undefined)
endif()
set_target_properties(linkgraph_static PROPERTIES OUTPUT_NAME linkgraph)

# For linkgraph's own programs and tests: the static library plus its internal headers.
add_library(linkgraph_internal INTERFACE)
target_link_libraries(linkgraph_internal INTERFACE linkgraph_static linkgraph_build_deps)
