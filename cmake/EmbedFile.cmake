# Script mode: writes OUT, a C++ file defining interdict::embedded::SYMBOL
# as the bytes of IN.
file(READ ${IN} _hex HEX)
string(LENGTH "${_hex}" _len)
math(EXPR _bytes "${_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," _arr "${_hex}")
file(WRITE ${OUT}
"// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace interdict::embedded {\nstatic const char k${SYMBOL}_data[] = {${_arr} 0};\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}(k${SYMBOL}_data, ${_bytes});\n}\n")
