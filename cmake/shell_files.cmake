# Runs the built CLI to write its man page and shell completions into OUT.
file(MAKE_DIRECTORY ${OUT})
foreach(pair "manpage;tairlint.1" "completion;bash;tairlint.bash" "completion;zsh;_tairlint"
             "completion;fish;tairlint.fish")
  list(POP_BACK pair file)
  execute_process(COMMAND ${CLI} ${pair} OUTPUT_FILE ${OUT}/${file} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    file(REMOVE ${OUT}/${file})
    message(FATAL_ERROR "`${CLI} ${pair}` failed (${rc})")
  endif()
endforeach()
