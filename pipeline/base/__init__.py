"""What every stage may use: the one error type (file, line, what was expected), project paths and the
``.build/`` layout, a file's published identity, the 万/亿 measure units, the release version (CHANGELOG.md)
and handing freed memory back to the OS. Nothing here imports another stage."""
