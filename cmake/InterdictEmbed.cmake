# interdict_embed(TARGET SYMBOL FILE): compiles FILE's bytes into TARGET as
#   namespace interdict::embedded { extern const std::string_view SYMBOL; }
# so name tables stay data files in data/ yet ship inside the binary.
function(interdict_embed target symbol file)
  set(_out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp)
  add_custom_command(
    OUTPUT ${_out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${_out} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE ${_out})
endfunction()
