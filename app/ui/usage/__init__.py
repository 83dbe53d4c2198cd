"""The Usage page: spend per day and per profile and model, from the saved replies."""
