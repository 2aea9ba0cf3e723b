// Node module hooks for the commands that load the game's scripts outside Vite: an imported asset (`import art
// from '../../assets/grunt.svg'`) becomes its file URL, as Vite makes it a URL. Headless runs never draw it.
export async function load(url, context, nextLoad) {
  if (url.endsWith('.svg')) return { format: 'module', source: `export default ${JSON.stringify(url)};`, shortCircuit: true };
  return nextLoad(url, context);
}
