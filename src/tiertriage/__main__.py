from tiertriage.cli import main

main()
