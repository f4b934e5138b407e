# Pipes, redirections, here-documents, command substitution.
echo one two three | tr ' ' '\n' | sort -r
echo out > f; echo more >> f; cat < f
echo err 1>&2 2>/dev/null
ls nosuchfile 2>&1 | sed 's/.*nosuchfile.*/missing/'
cat <<END
here $((6 * 7)) $(echo sub)
END
cat <<'END'
quoted $HOME $(no)
END
x=$(echo inner $(echo nested)); echo "$x"
exec 3> g; echo via3 >&3; exec 3>&-; cat g
{ echo a; echo b; } | wc -l
