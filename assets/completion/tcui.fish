# fish completion for tcui.
# Install: tcui completion fish > ~/.config/fish/completions/tcui.fish
# The words come from tcui itself: its commands and reports, the tasks' IDs with their
# descriptions, projects and tags.

complete -c tcui -f
complete -c tcui -a '(tcui _zshcommands 2>/dev/null | string replace -r ":[^:]*:" \t)'
complete -c tcui -a '(tcui _zshids 2>/dev/null | string replace ":" \t)'
complete -c tcui -a '(tcui _projects 2>/dev/null | string replace -r "^" "project:")'
complete -c tcui -a '(tcui _tags 2>/dev/null | string replace -r "^" "+")'
