FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Dependencies first (cached while only the code changes); .dockerignore keeps
# .env, media/ and var/ out of the image.
COPY pyproject.toml ./
RUN mkdir -p config wizard && touch config/__init__.py wizard/__init__.py \
    && pip install --no-cache-dir . && pip uninstall -y refund-wizard
COPY . .
RUN useradd --create-home app && mkdir -p /srv/media /app/staticfiles && chown -R app /srv/media /app
USER app
EXPOSE 8000
