"""The base of the errors that rules raise to refuse a request politely."""


class Refusal(Exception):
    """A request a rule refuses; `message` is written for the person who made it
    and is shown to them as it is (a trainee, an instructor, a staff member)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
