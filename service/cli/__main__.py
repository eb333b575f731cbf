"""`python -m service.cli`: the pactum command line."""

from service.cli.main import main

main()
