"""The write side: command types, the command cycle, the caller and its context, authorization, API keys."""
