FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Dependencies first (cached while only the code changes); .dockerignore keeps
# .env, media/ and var/ out of the image.
# requirements.lock pins every runtime dependency with its hashes (`make lock`).
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock
COPY . .
RUN useradd --create-home app && mkdir -p /srv/media /app/staticfiles && chown -R app /srv/media /app
USER app
EXPOSE 8000
