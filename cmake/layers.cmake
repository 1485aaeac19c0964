# The library's layers (dsl <- engine <- modules) are object libraries compiled once, as
# position-independent code with hidden visibility, and archived into both the shared and the
# static library (cmake/library.cmake). Only declarations marked LINKGRAPH_EXPORT
# (include/linkgraph/export.h) leave the shared library.

# Warnings for our own targets only; -Werror only where linkgraph is the top-level project
# (LINKGRAPH_WERROR), so a consumer's newer compiler cannot break its build.
function(lg_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-missing-field-initializers)
  if(LINKGRAPH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
      # GCC PR 105651 and friends: bogus warnings on std::string code at -O3.
      target_compile_options(${target} PRIVATE -Wno-error=restrict -Wno-error=maybe-uninitialized
        -Wno-error=stringop-overflow -Wno-error=stringop-overread -Wno-error=array-bounds)
    endif()
  endif()
endfunction()

# What the library's own code compiles against: its internal headers (the source root), the
# public and generated headers, and the dependencies the internal headers include. Never
# exported: installed consumers see only include/linkgraph.
add_library(linkgraph_build_deps INTERFACE)
target_include_directories(linkgraph_build_deps INTERFACE
  ${PROJECT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/include ${PROJECT_BINARY_DIR}/include)
target_link_libraries(linkgraph_build_deps INTERFACE
  absl::status absl::statusor absl::strings absl::flat_hash_map absl::flat_hash_set absl::btree
  absl::hash absl::time Boost::headers simdjson::simdjson)
target_compile_features(linkgraph_build_deps INTERFACE cxx_std_20)

# lg_layer(TARGET): one object library of the library's code.
function(lg_layer target)
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${target} PUBLIC linkgraph_build_deps)
  target_compile_definitions(${target} PRIVATE LINKGRAPH_BUILDING_LIBRARY)
  lg_warnings(${target})
endfunction()
