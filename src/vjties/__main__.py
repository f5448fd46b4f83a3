from vjties.cli import app

app(prog_name="vjties")
