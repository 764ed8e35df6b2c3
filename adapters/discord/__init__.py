"""The Discord adapter: a discord.py gateway client with slash commands, buttons and modals."""
