# Build speed. CI builds the tree twice on a 2-core machine, and most of a
# compile is spent in the same few third-party headers (CLI11, nlohmann/json,
# cpp-httplib, GoogleTest) and in optimising test bodies, so:
#  - heavy third-party headers are precompiled once per target family
#    (INTERDICT_PCH; turn it off to check that every file includes what it
#    uses);
#  - lld links when installed (INTERDICT_LLD), several times faster than
#    GNU ld on the test binaries;
#  - test code is compiled at -O1 in Release builds: the code under test keeps
#    -O3, only the TEST bodies lose optimisation nobody measures.

option(INTERDICT_PCH "Precompile the heavy third-party headers" ON)
option(INTERDICT_LLD "Link with lld when it is installed" ON)

if(INTERDICT_LLD)
  find_program(INTERDICT_LLD_PATH NAMES ld.lld)
  if(INTERDICT_LLD_PATH)
    add_link_options(-fuse-ld=lld)
  endif()
endif()

# (CMake adds -Winvalid-pch itself, so with -Werror a precompiled header that
# does not match its compile fails the build instead of silently slowing it.)

# Test bodies at -O1 in Release (see above).
set(INTERDICT_TEST_OPT $<$<CONFIG:Release>:-O1>)

set(INTERDICT_PCH_STD <algorithm> <chrono> <cstdint> <filesystem> <functional> <map> <memory>
    <optional> <string> <string_view> <unordered_map> <vector>)

# interdict_precompile(TARGET HEADER...): TARGET precompiles the standard
# headers above and the given ones (written <like/this.h>).
function(interdict_precompile target)
  if(INTERDICT_PCH)
    target_precompile_headers(${target} PRIVATE ${INTERDICT_PCH_STD} ${ARGN})
  endif()
endfunction()

# interdict_test_target(TARGET): the settings every test binary shares. The
# test binaries reuse one precompiled header (built by interdict_test_pch),
# which needs them all to be compiled with the same flags and definitions;
# hence every test binary also gets cpp-httplib's definitions.
function(interdict_test_target target)
  target_compile_options(${target} PRIVATE ${INTERDICT_WARNINGS} ${INTERDICT_TEST_OPT})
  target_compile_definitions(${target} PRIVATE
    INTERDICT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    INTERDICT_BINARY_DIR="${PROJECT_BINARY_DIR}")
  target_link_libraries(${target} PRIVATE GTest::gtest nlohmann_json::nlohmann_json
                        PkgConfig::HTTPLIB tl::expected Threads::Threads)
  if(NOT INTERDICT_PCH)
    return()
  endif()
  if(NOT TARGET interdict_test_pch)
    set(_src ${PROJECT_BINARY_DIR}/interdict_test_pch.cpp)
    file(CONFIGURE OUTPUT ${_src} CONTENT "// The donor of the tests' precompiled header.\n")
    add_library(interdict_test_pch OBJECT ${_src})
    target_compile_options(interdict_test_pch PRIVATE ${INTERDICT_WARNINGS}
                           ${INTERDICT_TEST_OPT})
    target_compile_definitions(interdict_test_pch PRIVATE
      INTERDICT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      INTERDICT_BINARY_DIR="${PROJECT_BINARY_DIR}")
    target_link_libraries(interdict_test_pch PRIVATE GTest::gtest nlohmann_json::nlohmann_json
                          PkgConfig::HTTPLIB tl::expected Threads::Threads)
    target_precompile_headers(interdict_test_pch PRIVATE ${INTERDICT_PCH_STD}
      <gtest/gtest.h> <nlohmann/json.hpp> <httplib.h> <tl/expected.hpp>)
  endif()
  target_precompile_headers(${target} REUSE_FROM interdict_test_pch)
endfunction()
