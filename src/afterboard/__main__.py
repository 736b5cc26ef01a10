from afterboard.cli import main

main()
